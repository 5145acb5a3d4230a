/** A local bare repository as `origin`, a clone to push from, and a workspace clone, for Action git tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitRemote {
  dir: string;
  origin: string;
  /** The clone that plays the people pushing to GitHub. */
  upstream: string;
  git(cwd: string, ...args: string[]): string;
  /** Commits `files` on `branch` in the upstream clone (created from `from`) and pushes it. */
  push(branch: string, files: Record<string, string>, message?: string, from?: string): string;
  /** A workspace clone of origin's main, like actions/checkout's (depth 1 when `shallow`). */
  workspace(options?: { shallow?: boolean }): string;
  remove(): void;
}

export function gitRemote(): GitRemote {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-remote-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  const origin = join(dir, 'origin.git');
  const upstream = join(dir, 'upstream');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin], { env });
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  execFileSync('git', ['init', '-q', '-b', 'main', upstream], { env });
  git(upstream, 'remote', 'add', 'origin', origin);
  let workspaces = 0;
  const remote: GitRemote = {
    dir,
    origin,
    upstream,
    git,
    push(branch, files, message = `change ${branch}`, from) {
      const current = git(upstream, 'symbolic-ref', '--short', 'HEAD').trim();
      if (current !== branch) {
        const exists = git(upstream, 'branch', '--list', branch).trim() !== '';
        git(upstream, 'checkout', '-q', ...(exists ? [branch] : ['-b', branch, ...(from === undefined ? [] : [from])]));
      }
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(upstream, path)), { recursive: true });
        writeFileSync(join(upstream, path), content);
      }
      git(upstream, 'add', '--all');
      git(upstream, 'commit', '-q', '--allow-empty', '-m', message);
      git(upstream, 'push', '-q', '--force', 'origin', `HEAD:refs/heads/${branch}`);
      return git(upstream, 'rev-parse', 'HEAD').trim();
    },
    workspace(options = {}) {
      const ws = join(dir, `workspace-${++workspaces}`);
      execFileSync(
        'git',
        ['clone', '-q', ...(options.shallow === true ? ['--depth', '1'] : []), `file://${origin}`, ws],
        { env },
      );
      return ws;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return remote;
}

/** The token the remote's tests pass; a local bare remote never checks it. */
export const TEST_AUTH = { serverUrl: 'https://github.com', token: 'ghs_testtoken000000000000000000000000' };

/** A remote whose `main` holds a small calculator; returns the remote and `main`'s commit. */
export function calcRemote(): { remote: GitRemote; main: string } {
  const remote = gitRemote();
  const main = remote.push(
    'main',
    { 'src/calc.js': 'export const add = (a, b) => a + b;\n', 'README.md': '# calc\n' },
    'initial',
  );
  return { remote, main };
}
