/**
 * The Checkpoints port on real git. A checkpoint is a tree object: the working tree
 * (tracked and untracked files, not ignored ones) written through a temporary index
 * with `git write-tree`, the way `git stash` records it. HEAD, the repository's own
 * index and the working tree never move while saving, and no ref is created: the
 * trees live as ordinary objects (unreachable objects are kept for weeks, far longer
 * than a run).
 */
import { lstat, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GreenlightError } from '../../ports/errors.ts';
import type { Checkpoints } from '../../ports/checkpoints.ts';
import { git } from './run-git.ts';
import { withWorktreeIndex } from './with-worktree-index.ts';

/** Passes of restore: a restored `.gitignore` can reveal files that must go in turn. */
const MAX_RESTORE_PASSES = 4;

interface TreeDiff {
  /** In the working tree, not in the checkpoint. */
  extra: string[];
  /** Missing from or different in the working tree. */
  differing: string[];
}

/**
 * @example
 * const checkpoints = new GitCheckpoints(workspace.root);
 * const id = await checkpoints.save('baseline');
 * // … the model edits files …
 * await checkpoints.restore(id); // the tree is as it was, new files removed
 */
export class GitCheckpoints implements Checkpoints {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  async save(label: string): Promise<string> {
    const tree = (await withWorktreeIndex(this.root, (options) => git(this.root, ['write-tree'], options))).trim();
    if (!/^[0-9a-f]{40,64}$/.test(tree))
      throw new GreenlightError('git', `git write-tree gave no tree id for checkpoint "${label}" in ${this.root}.`);
    return tree;
  }

  /**
   * Changed and missing files are checked out from the checkpoint first, so that its
   * ignore rules are back before anything is deleted: a `.gitignore` the model removed
   * must not turn `node_modules/` into "new files" to delete. Then the files the
   * checkpoint does not have are removed. Repeated until the tree matches.
   */
  async restore(id: string): Promise<void> {
    await this.restoreListing(id);
  }

  /** `restore`, returning the paths it put back or removed, sorted. */
  async restoreListing(id: string): Promise<string[]> {
    const tree = await this.verifyTree(id);
    const touched = new Set<string>();
    for (let pass = 0; pass < MAX_RESTORE_PASSES; pass += 1) {
      const diff = await this.diffAgainst(tree);
      if (diff.differing.length === 0 && diff.extra.length === 0) return [...touched].sort();
      if (diff.differing.length > 0) {
        await this.checkout(tree, diff.differing);
        for (const path of diff.differing) touched.add(path);
        continue;
      }
      for (const path of diff.extra) {
        await this.remove(path);
        touched.add(path);
      }
    }
    const left = await this.diffAgainst(tree);
    if (left.differing.length > 0 || left.extra.length > 0) {
      throw new GreenlightError(
        'git',
        `could not restore checkpoint ${tree.slice(0, 12)} in ${this.root}: ${[...left.differing, ...left.extra].slice(0, 5).join(', ')} still differ.`,
      );
    }
    return [...touched].sort();
  }

  async restorePaths(id: string, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const tree = await this.verifyTree(id);
    const listed = await git(this.root, ['ls-tree', '-r', '-z', '--name-only', tree, '--', ...paths], {
      env: { GIT_LITERAL_PATHSPECS: '1' },
    });
    const present = new Set(listed.split('\0').filter((p) => p !== ''));
    for (const path of paths) if (!present.has(path)) await this.remove(path);
    await this.checkout(tree, [...present]);
  }

  private async verifyTree(id: string): Promise<string> {
    if (!/^[0-9a-f]{40,64}$/.test(id))
      throw new GreenlightError('internal', `"${id}" is not a checkpoint id of this workspace.`);
    const type = await git(this.root, ['cat-file', '-t', id]).catch(() => '');
    if (type.trim() !== 'tree')
      throw new GreenlightError('internal', `checkpoint ${id} does not exist in ${this.root}.`);
    return id;
  }

  /** The working tree (as `save` records it) against `tree`. */
  private async diffAgainst(tree: string): Promise<TreeDiff> {
    const out = await withWorktreeIndex(this.root, (options) =>
      git(this.root, ['diff-index', '--cached', '--no-renames', '--name-status', '-z', tree, '--'], options),
    );
    const fields = out.split('\0');
    const diff: TreeDiff = { extra: [], differing: [] };
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const status = fields[i] ?? '';
      const path = fields[i + 1] ?? '';
      if (path === '') continue;
      (status === 'A' ? diff.extra : diff.differing).push(path);
    }
    return diff;
  }

  /** Write `paths` as they are in `tree`, through a temporary index read from it. */
  private async checkout(tree: string, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const dir = await mkdtemp(join(tmpdir(), 'greenlight-checkpoint-'));
    try {
      const options = { env: { GIT_INDEX_FILE: join(dir, 'index') } };
      await git(this.root, ['read-tree', tree], options);
      await git(this.root, ['checkout-index', '--force', '-z', '--stdin'], {
        ...options,
        input: `${paths.join('\0')}\0`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Delete a working-tree path and the folders it leaves empty. Never follows a
   * symlink: a path below a symlinked folder is not in this tree, so it is left alone.
   */
  private async remove(path: string): Promise<void> {
    const parts = path.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..') || parts[0] === '.git') return;
    let dir = this.root;
    for (const part of parts.slice(0, -1)) {
      dir = join(dir, part);
      const info = await lstat(dir).catch(() => null);
      if (info === null || !info.isDirectory()) return;
    }
    await rm(join(this.root, path), { recursive: true, force: true });
    for (let depth = parts.length - 1; depth > 0; depth -= 1) {
      try {
        await rmdir(join(this.root, ...parts.slice(0, depth)));
      } catch {
        break; // not empty (or gone): the folders above are not empty either
      }
    }
  }
}
