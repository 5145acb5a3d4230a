/**
 * Every reader of the working tree through a temporary index sees an in-place edit of
 * the same size made in the same second as the stat data the repository's index holds
 * (git's racy-clean case; see same-second-edit.ts), and so do the places that read the
 * working tree against the repository's own index or a fresh one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutCommit } from '../../../src/adapters/git/checkout-commit.ts';
import { GitCheckpoints } from '../../../src/adapters/git/git-checkpoints.ts';
import { LocalWorkspace } from '../../../src/adapters/git/local-workspace.ts';
import { withWorktreeIndex } from '../../../src/adapters/git/with-worktree-index.ts';
import { git } from '../../../src/adapters/git/run-git.ts';
import { faithfulPatch } from '../../../src/adapters/publish/faithful-patch.ts';
import { commitToBranch } from '../../../src/compose/commit-to-branch.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { sameSecondEdit } from './same-second-edit.ts';
import { tempRepo, type TempRepo } from './temp-repo.ts';

const BEFORE = 'export const pair = [x, y];\n';
const AFTER = 'export const pair = [y, x];\n';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

function repo(): { r: TempRepo; base: string } {
  const r = tempRepo();
  repos.push(r);
  r.write('src/pair.ts', BEFORE);
  r.write('README.md', '# pair\n');
  return { r, base: r.commit('init') };
}

const read = (r: TempRepo, path: string): string => readFileSync(join(r.root, path), 'utf8');

describe('withWorktreeIndex', () => {
  it('keeps the repository index untouched and starts empty without one', async () => {
    const { r } = repo();
    const index = readFileSync(join(r.root, '.git', 'index'));
    r.write('new.txt', 'new\n');
    const staged = await withWorktreeIndex(r.root, (options) => git(r.root, ['ls-files', '--cached'], options));
    expect(staged).toBe('README.md\nnew.txt\nsrc/pair.ts\n');
    expect(readFileSync(join(r.root, '.git', 'index'))).toEqual(index);

    const fresh = tempRepo();
    repos.push(fresh);
    fresh.write('a.txt', 'a\n');
    const first = await withWorktreeIndex(fresh.root, (options) => git(fresh.root, ['ls-files', '--cached'], options));
    expect(first).toBe('a.txt\n');
  });
});

describe('a same-size edit in the same second as the indexed stat data', () => {
  it('is in the workspace diff and changes', async () => {
    const { r, base } = repo();
    await sameSecondEdit(r.root, 'src/pair.ts', AFTER);
    const workspace = new LocalWorkspace(r.root);

    expect(await workspace.diff(base)).toContain('-export const pair = [x, y];\n+export const pair = [y, x];');
    expect((await workspace.changes(base)).map((c) => [c.path, c.status, c.addedLines])).toEqual([
      ['src/pair.ts', 'modified', ['export const pair = [y, x];']],
    ]);
  });

  it('makes the workspace dirty', async () => {
    const { r } = repo();
    await sameSecondEdit(r.root, 'src/pair.ts', AFTER);
    expect(await new LocalWorkspace(r.root).isClean()).toBe(false);
  });

  it('keeps the Action from checking out another commit over it', async () => {
    const { r, base } = repo();
    r.write('README.md', '# pair, the head\n');
    r.commit('head');
    await sameSecondEdit(r.root, 'src/pair.ts', AFTER);

    const error = await checkoutCommit(r.root, base, [], { serverUrl: 'https://github.com', token: 'unused' }).catch(
      (e: unknown) => e,
    );
    expect(isGreenlightError(error, 'workspace-dirty')).toBe(true);
    expect(read(r, 'src/pair.ts')).toBe(AFTER);
    expect(read(r, 'README.md')).toBe('# pair, the head\n');
  });

  it('is in a checkpoint saved after it, and undone by restoring one saved before it', async () => {
    const { r } = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const before = await checkpoints.save('before');
    await sameSecondEdit(r.root, 'src/pair.ts', AFTER);

    const after = await checkpoints.save('after');
    expect(after).not.toBe(before);
    expect(r.git('show', `${after}:src/pair.ts`)).toBe(AFTER);

    await checkpoints.restore(before);
    expect(read(r, 'src/pair.ts')).toBe(BEFORE);
    await checkpoints.restore(after);
    expect(read(r, 'src/pair.ts')).toBe(AFTER);
  });

  it('is undone by restoring the path from a checkpoint saved before it', async () => {
    const { r } = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const before = await checkpoints.save('before');
    await sameSecondEdit(r.root, 'src/pair.ts', AFTER);

    await checkpoints.restorePaths(before, ['src/pair.ts']);
    expect(read(r, 'src/pair.ts')).toBe(BEFORE);
  });

  it('is in the commit greenlight run publishes', async () => {
    const { r, base } = repo();
    await sameSecondEdit(r.root, 'src/pair.ts', AFTER);

    // greenlight run commits the tree of the job's result, saved as a checkpoint is.
    const commit = await commitToBranch(r.root, {
      branch: 'greenlight/issue-local-pair',
      parent: base,
      tree: await new GitCheckpoints(r.root).save('result'),
      message: 'fix: swap the pair\n',
      author: { name: 'greenlight[bot]', email: 'greenlight[bot]@users.noreply.github.com' },
    });
    expect(r.git('diff', '--name-status', base, commit)).toBe('M\tsrc/pair.ts\n');
    expect(r.git('show', `${commit}:src/pair.ts`)).toBe(AFTER);
  });

  it('is in the raw bytes of the patch a change bundle carries', async () => {
    const { r } = repo();
    r.write('src/latin1.txt', Buffer.from('caf\xe9 = 1\n', 'latin1'));
    const head = r.commit('latin-1 text');
    await sameSecondEdit(r.root, 'src/latin1.txt', Buffer.from('caf\xe9 = 2\n', 'latin1'));

    const diff = await new LocalWorkspace(r.root).diff(head);
    expect(diff).toContain('\uFFFD = 2');
    const patch = await faithfulPatch(r.root, head, diff);
    expect(patch).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(patch as Uint8Array).includes(Buffer.from('+caf\xe9 = 2\n', 'latin1'))).toBe(true);
  });
});
