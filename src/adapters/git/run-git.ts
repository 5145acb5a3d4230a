/**
 * The one way greenlight runs git: `git -C root …` as an argument vector (never a
 * shell), with the exit code as a value. Every call gets the same hardening, so that
 * nothing a repository, its config or the process environment holds can make git run a
 * program or change the output greenlight parses:
 *
 * - no hooks (`core.hooksPath=/dev/null`), no fsmonitor daemon, no pager, no editor, no
 *   signing or signature checks, no submodule recursion, no `ext::` transport;
 * - `diff`, `log` and `show` never run an external diff or a textconv filter
 *   (`--no-ext-diff --no-textconv` are added to them);
 * - stable output: quoted paths, no colour, the default diff prefixes, the C locale;
 * - a pinned environment: the system config is not read (`GIT_CONFIG_NOSYSTEM`), git
 *   never prompts, and of the process environment it gets only what it needs to find
 *   itself, the user's config and the network (see PASSED) — never the Action's
 *   `INPUT_*` secrets, nor `GIT_DIR`, `GIT_INDEX_FILE`, `GIT_EXTERNAL_DIFF` or injected
 *   `GIT_CONFIG_*` of an enclosing process.
 *
 * Credentials (`gitAuthEnv`) and a temporary index come only through `options.env`,
 * for one call. test/adapters/git/run-git.test.ts proves the hardening against a hostile
 * repository and fails when anything else in src/ spawns git.
 */
import { spawn } from 'node:child_process';
import { GreenlightError } from '../../ports/errors.ts';

export interface GitOptions {
  /** Variables for this call only (GIT_INDEX_FILE for a temporary index, credentials…). */
  env?: Readonly<Record<string, string>>;
  /** Written to git's stdin; without it stdin is closed. */
  input?: string | Uint8Array;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Settings pinned for every call, whatever the repository's or the user's config says. */
export const HARDENING = [
  '--no-pager',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.quotePath=true',
  '-c',
  'color.ui=false',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'diff.relative=false',
  '-c',
  'commit.gpgSign=false',
  '-c',
  'tag.gpgSign=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'submodule.recurse=false',
  '-c',
  'push.recurseSubmodules=no',
  '-c',
  'fetch.recurseSubmodules=false',
  '-c',
  'protocol.ext.allow=never',
] as const;

/** Commands that would otherwise run `diff.external` or a `textconv` filter. */
const DIFFING = new Set(['diff', 'log', 'show']);

/**
 * The only variables of the process environment git sees: what it needs to find
 * itself, the user's config (identity, `safe.directory`), certificates and proxies.
 */
const PASSED =
  /^(?:PATH|HOME|USER|LOGNAME|TMPDIR|TEMP|TMP|SHELL|LANG|LC_[A-Z]+|TZ|SSL_CERT_(?:FILE|DIR)|(?:HTTPS?|NO|ALL)_PROXY|(?:https?|no|all)_proxy|XDG_CONFIG_HOME|SYSTEMROOT|COMSPEC|GIT_(?:AUTHOR|COMMITTER)_(?:NAME|EMAIL|DATE)|GIT_CONFIG_GLOBAL|GIT_EXEC_PATH|GIT_SSH|GIT_SSH_COMMAND|GIT_SSL_CAINFO|GIT_SSL_CAPATH)$/;

const PINNED_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_PAGER: 'cat',
  GIT_EDITOR: 'true',
  LC_ALL: 'C',
};

/** A runaway output (a diff of a huge binary) stops the call instead of the process. */
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

function environment(extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && PASSED.test(name)) env[name] = value;
  return { ...env, ...PINNED_ENV, ...extra };
}

/** `args` with `--no-ext-diff --no-textconv` after the subcommand when it diffs. */
function hardenedArgs(args: readonly string[]): string[] {
  let i = 0;
  while (i < args.length && args[i]?.startsWith('-')) i += args[i] === '-c' ? 2 : 1;
  const command = args[i];
  if (command === undefined || !DIFFING.has(command)) return [...args];
  return [...args.slice(0, i + 1), '--no-ext-diff', '--no-textconv', ...args.slice(i + 1)];
}

/** The subcommand of `args`, for messages. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i += args[i] === '-c' ? 2 : 1) if (!args[i]?.startsWith('-')) return args[i] ?? '';
  return '';
}

function cannotRun(error: unknown): GreenlightError {
  return new GreenlightError(
    'git',
    `cannot run git: ${(error as Error).message}. Install git and make sure it is on PATH.`,
    { cause: error },
  );
}

/** Runs git and returns stdout as bytes (blobs, binary patches); the exit code is a value. */
export function runGitBytes(
  root: string,
  args: readonly string[],
  options: GitOptions = {},
): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn('git', ['-C', root, ...HARDENING, ...hardenedArgs(args)], {
        env: environment(options.env),
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      reject(cannotRun(error));
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    let overflow = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        overflow = true;
        child.kill('SIGKILL');
      } else into.push(chunk);
    };
    child.stdout?.on('data', collect(stdout));
    child.stderr?.on('data', collect(stderr));
    child.on('error', (error) => reject(cannotRun(error)));
    child.on('close', (code) => {
      if (overflow) {
        reject(new GreenlightError('git', `git ${subcommand(args)} in ${root} wrote more than 1 GiB of output.`));
        return;
      }
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode: code ?? -1,
      });
    });
    if (options.input !== undefined && child.stdin !== null) {
      // git may exit before reading everything (a bad revision): that is its answer, not ours.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}

/** Runs `git -C root …args` and returns its output and exit code. */
export async function runGit(root: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const result = await runGitBytes(root, args, options);
  return { stdout: result.stdout.toString('utf8'), stderr: result.stderr, exitCode: result.exitCode };
}

/** A GreenlightError('git') for a failed call, with the hint that fits git's complaint. */
export function gitError(root: string, args: readonly string[], result: GitResult): GreenlightError {
  const message =
    result.stderr
      .trim()
      .split('\n')
      .find((line) => line.trim() !== '') ?? `git exited with ${result.exitCode}`;
  let hint = '';
  if (/not a git repository/i.test(message)) hint = ' Run greenlight inside a git checkout, or pass --repo DIR.';
  else if (
    /unknown revision|bad revision|ambiguous argument|Needed a single revision|invalid object name|bad object/i.test(
      message,
    )
  ) {
    hint =
      ' Check the name, or fetch it first (git fetch origin <ref>); in a shallow clone, fetch more history (fetch-depth: 0).';
  } else if (/dubious ownership/i.test(message))
    hint = ' Mark the checkout as safe: git config --global --add safe.directory <dir>.';
  return new GreenlightError(
    'git',
    `git ${subcommand(args)} failed in ${root}: ${message.trim().replace(/^(fatal|error): /, '')}.${hint}`,
  );
}

/** Runs git and returns stdout; a non-zero exit is a GreenlightError('git'). */
export async function git(root: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(root, args, options);
  if (result.exitCode !== 0) throw gitError(root, args, result);
  return result.stdout;
}
