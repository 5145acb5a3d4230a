import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareGitMounts, type GitConfigCopies } from '../../../src/adapters/sandbox/prepare-git-mounts.ts';

let root: string;
let out: string;
const git = (cwd: string, ...args: string[]): void => {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
};

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-gitmounts-')));
  out = join(root, 'out');
  mkdirSync(out);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('prepareGitMounts', () => {
  it('returns nothing for a workspace that is not a git checkout', async () => {
    expect(await prepareGitMounts(root, out)).toEqual({ readOnly: [], overlays: [], removed: [] });
  });

  it('re-binds .git read-only and overlays a sanitized config, including submodule configs', async () => {
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q');
    git(repo, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic dG9rZW4=');
    mkdirSync(join(repo, '.git/modules/libs/a'), { recursive: true });
    writeFileSync(
      join(repo, '.git/modules/libs/a/config'),
      '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic c3Vi\n',
    );
    mkdirSync(join(repo, '.git/modules/libs/a/objects'), { recursive: true });

    const mounts = await prepareGitMounts(repo, out);
    expect(mounts.readOnly).toEqual([join(repo, '.git')]);
    expect(mounts.overlays.map((overlay) => overlay.target)).toEqual([
      join(repo, '.git/config'),
      join(repo, '.git/modules/libs/a/config'),
    ]);
    for (const overlay of mounts.overlays) {
      expect(overlay.source.startsWith(out)).toBe(true);
      expect(readFileSync(overlay.source, 'utf8')).not.toContain('AUTHORIZATION');
    }
    expect(mounts.removed).toEqual(['http.https://github.com/.extraheader', 'http.https://github.com/.extraheader']);
    // The real config is untouched.
    expect(readFileSync(join(repo, '.git/config'), 'utf8')).toContain('AUTHORIZATION');
  });

  it('follows a worktree .git file to its git dir and the common dir', async () => {
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, '-c', 'user.email=t@e', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'init');
    const worktree = join(root, 'wt');
    git(repo, 'worktree', 'add', '-q', worktree);

    const mounts = await prepareGitMounts(worktree, out);
    expect(mounts.readOnly).toEqual([join(worktree, '.git'), join(repo, '.git/worktrees/wt'), join(repo, '.git')]);
    expect(mounts.overlays.map((overlay) => overlay.target)).toEqual([join(repo, '.git/config')]);
  });

  it("rewrites a sanitized copy only when its config changed since the sandbox's previous run", async () => {
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q');
    git(repo, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic dG9rZW4=');
    const copies: GitConfigCopies = new Map();
    const first = await prepareGitMounts(repo, out, copies);
    const source = first.overlays[0]!.source;
    // A copy that nobody rewrites keeps a mark put into it: the next run reuses it.
    writeFileSync(source, `${readFileSync(source, 'utf8')}# reused\n`);
    const second = await prepareGitMounts(repo, out, copies);
    expect(second).toEqual(first);
    expect(readFileSync(source, 'utf8')).toContain('# reused');

    git(repo, 'config', 'core.hooksPath', '/tmp/hooks');
    git(repo, 'config', 'http.https://example.com/.extraheader', 'AUTHORIZATION: bearer c2Vjb25k');
    const third = await prepareGitMounts(repo, out, copies);
    expect(third.overlays).toEqual(first.overlays);
    const text = readFileSync(source, 'utf8');
    expect(text).not.toContain('# reused');
    expect(text).not.toContain('AUTHORIZATION');
    expect(third.removed).toContain('http.https://example.com/.extraheader');

    // A config that appears later (a worktree config) gets its own copy.
    writeFileSync(join(repo, '.git/config.worktree'), '[http]\n\textraheader = AUTHORIZATION: basic d3Q=\n');
    const fourth = await prepareGitMounts(repo, out, copies);
    expect(fourth.overlays.map((overlay) => overlay.target)).toEqual([
      join(repo, '.git/config'),
      join(repo, '.git/config.worktree'),
    ]);
    expect(new Set(fourth.overlays.map((overlay) => overlay.source)).size).toBe(2);
    for (const overlay of fourth.overlays) expect(readFileSync(overlay.source, 'utf8')).not.toContain('AUTHORIZATION');
  });
});
