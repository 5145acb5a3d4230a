/**
 * git for the publish step. Like `runGit`, but every call also turns hooks off
 * (`core.hooksPath=/dev/null`: no pre-commit, pre-push or reference-transaction hook
 * of the repository ever runs), skips LFS smudging, never prompts, and can take the
 * patch as bytes on stdin. Credentials come only from `env` (see gitAuthEnv), and the
 * rest of the process environment is filtered (see PASSED).
 */
import { execa } from 'execa';
import { GreenlightError } from '../../core/errors.ts';

export interface PublishGitOptions {
  env?: Readonly<Record<string, string>>;
  input?: string | Uint8Array;
}

export interface PublishGitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const HARDENED = [
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.quotePath=true',
  '-c',
  'color.ui=false',
  '-c',
  'commit.gpgSign=false',
  '-c',
  'submodule.recurse=false',
  '-c',
  'push.recurseSubmodules=no',
  '-c',
  'fetch.recurseSubmodules=false',
];

/**
 * The only variables of the process environment git gets: what it needs to find
 * itself, its config, certificates and proxies. Never the Action's inputs
 * (INPUT_GITHUB_TOKEN, INPUT_ANTHROPIC_API_KEY) or other secrets, which a filter or
 * credential helper that git starts would otherwise inherit.
 */
const PASSED =
  /^(?:PATH|HOME|USER|LOGNAME|TMPDIR|TEMP|TMP|SHELL|LANG|LC_[A-Z]+|TZ|SSL_CERT_(?:FILE|DIR)|(?:HTTPS?|NO|ALL)_PROXY|(?:https?|no|all)_proxy|GIT_(?!CONFIG_(?:COUNT|KEY_\d+|VALUE_\d+)$)[A-Z_]+|XDG_CONFIG_HOME|SYSTEMROOT|COMSPEC)$/;

function passedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && PASSED.test(name) && !/TOKEN|SECRET|PASSWORD|KEY/i.test(name)) env[name] = value;
  }
  return env;
}

const ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_LFS_SKIP_SMUDGE: '1',
  LC_ALL: 'C',
  GIT_PAGER: 'cat',
  GIT_EDITOR: 'true',
};

/** Runs `git -C root …args`; the exit code is a value. */
export async function publishGitRaw(
  root: string,
  args: readonly string[],
  options: PublishGitOptions = {},
): Promise<PublishGitResult> {
  let result;
  try {
    result = await execa('git', ['-C', root, ...HARDENED, ...args], {
      reject: false,
      stripFinalNewline: false,
      maxBuffer: 1024 * 1024 * 1024,
      extendEnv: false,
      env: { ...passedEnv(), ...ENV, ...options.env },
      ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    });
  } catch (error) {
    throw new GreenlightError(
      'git',
      `cannot run git: ${(error as Error).message}. Install git and make sure it is on PATH.`,
      { cause: error },
    );
  }
  if (result.exitCode === undefined) {
    throw new GreenlightError(
      'git',
      `cannot run git: ${result.shortMessage ?? result.message}. Install git and make sure it is on PATH.`,
    );
  }
  return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode };
}

/** Runs git and returns stdout; a non-zero exit is a GreenlightError('git') with git's complaint. */
export async function publishGit(
  root: string,
  args: readonly string[],
  options: PublishGitOptions = {},
): Promise<string> {
  const result = await publishGitRaw(root, args, options);
  if (result.exitCode !== 0) {
    const line =
      result.stderr
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '') ?? `exit ${result.exitCode}`;
    throw new GreenlightError(
      'git',
      `git ${args.find((a) => !a.startsWith('-')) ?? ''} failed in ${root}: ${line.replace(/^(fatal|error): /, '')}.`,
    );
  }
  return result.stdout;
}
