/**
 * Runs `greenlight demo …` through `main()` as a user would, with no API key in the
 * environment, and cleans up the directories it made.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { runCommand as main } from '../../src/cli/run-command.ts';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temp dir, removed after the test. */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-demo-test-')));
  temps.push(dir);
  return dir;
}

/** What a user's shell would have: a PATH (bwrap, git, this Node) and HOME; no keys. */
export function userEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME,
    ...extra,
  };
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function demo(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['demo', ...args], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    cwd: options.cwd ?? tempDir(),
    env: options.env ?? userEnv(),
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** git in `dir`, output as text. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}

/** Runs the branch's tests in a separate worktree with plain node, as a user would after `git switch`. */
export function testsPassOn(repo: string, branch: string): boolean {
  const dir = join(tempDir(), 'wt');
  git(repo, 'worktree', 'add', '-q', dir, branch);
  try {
    execFileSync(process.execPath, ['--test'], {
      cwd: dir,
      stdio: 'pipe',
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
    });
    return true;
  } catch {
    return false;
  } finally {
    git(repo, 'worktree', 'remove', '--force', dir);
  }
}
