/**
 * Runs git in a repository: `git -C root …` through execa, never a shell, with
 * `reject: false` so that the exit code is a value. Repository-controlled settings
 * that could run programs or change output formats are pinned off.
 */
import { execa } from 'execa';
import { GreenlightError } from '../../core/errors.ts';

export interface GitOptions {
  /** Extra environment (e.g. GIT_INDEX_FILE for a temporary index). */
  env?: Readonly<Record<string, string>>;
  input?: string;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Settings pinned for every call: stable paths and formats, no fsmonitor hook. */
const PINNED = [
  '-c',
  'core.quotePath=true',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'diff.relative=false',
  '-c',
  'color.ui=false',
];

const ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', GIT_PAGER: 'cat' };

/** Runs `git -C root …args` and returns its output and exit code. */
export async function runGit(root: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  let result;
  try {
    result = await execa('git', ['-C', root, ...PINNED, ...args], {
      reject: false,
      stripFinalNewline: false,
      maxBuffer: 1024 * 1024 * 1024,
      env: { ...ENV, ...options.env },
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    });
  } catch (error) {
    throw new GreenlightError(
      'git',
      `cannot run git: ${(error as Error).message}. Install git and make sure it is on PATH.`,
      { cause: error },
    );
  }
  if (result.failed && result.exitCode === undefined) {
    throw new GreenlightError(
      'git',
      `cannot run git: ${result.shortMessage ?? result.message}. Install git and make sure it is on PATH.`,
      { cause: result },
    );
  }
  return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode ?? -1 };
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
    `git ${args[0] ?? ''} failed in ${root}: ${message.replace(/^(fatal|error): /, '')}.${hint}`,
  );
}

/** Runs git and returns stdout; a non-zero exit is a GreenlightError('git'). */
export async function git(root: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(root, args, options);
  if (result.exitCode !== 0) throw gitError(root, args, result);
  return result.stdout;
}
