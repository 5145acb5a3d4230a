/**
 * Puts a checkout back as it was before a command that may write anywhere in it — the
 * project's tests, run in the sandbox. Tracked and untracked files return to their
 * recorded state (new ones are removed), and ignored files or folders that did not
 * exist before are removed. So nothing a test run writes becomes part of the change
 * or steers a later run (docs/security.md §29). Untracked files the run added are
 * removed before anything is hashed, so a huge file a test wrote never reaches git's
 * object store.
 */
import { lstat, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCheckpoints } from './git-checkpoints.ts';
import { git } from './run-git.ts';

export interface WorkspaceGuard {
  /** Restores the recorded state; returns the paths put back or removed, sorted. */
  restore(): Promise<string[]>;
}

/**
 * Records the checkout's state now.
 * @example
 * const guard = await guardWorkspace(root);
 * await sandbox.run(['sh', '-c', 'npm test'], { cwd: root });
 * const discarded = await guard.restore(); // ['test/fixtures/out.txt', 'coverage/']
 */
export async function guardWorkspace(root: string): Promise<WorkspaceGuard> {
  const checkpoints = new GitCheckpoints(root);
  const [tree, ignoredBefore] = await Promise.all([checkpoints.save('before a command'), ignoredEntries(root)]);
  return {
    async restore() {
      const added = await untrackedSince(root, tree);
      for (const path of added) await removeEntry(root, path);
      const restored = await checkpoints.restoreListing(tree);
      const before = new Set(ignoredBefore);
      const strayIgnored = (await ignoredEntries(root)).filter((entry) => !before.has(entry));
      for (const entry of strayIgnored) await removeEntry(root, entry);
      return [...new Set([...added, ...restored, ...strayIgnored])].sort();
    },
  };
}

/** Ignored files and folders (a folder that is ignored as a whole is one entry, `name/`). */
async function ignoredEntries(root: string): Promise<string[]> {
  const out = await git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  return out.split('\0').filter((entry) => entry !== '');
}

/** Untracked, not ignored files that `tree` does not have, listed without hashing any of them. */
async function untrackedSince(root: string, tree: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'greenlight-guard-'));
  try {
    const options = { env: { GIT_INDEX_FILE: join(dir, 'index') } };
    await git(root, ['read-tree', tree], options);
    const out = await git(root, ['ls-files', '-z', '--others', '--exclude-standard'], options);
    return out.split('\0').filter((path) => path !== '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Removes a file or folder of the checkout and the folders it leaves empty, never
 * following a symbolic link out of it.
 */
async function removeEntry(root: string, entry: string): Promise<void> {
  const path = entry.replace(/\/$/, '');
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..') || parts[0] === '.git') return;
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    const info = await lstat(dir).catch(() => null);
    if (info === null || !info.isDirectory()) return;
  }
  await rm(join(root, path), { recursive: true, force: true });
  for (let depth = parts.length - 1; depth > 0; depth -= 1) {
    try {
      await rmdir(join(root, ...parts.slice(0, depth)));
    } catch {
      break; // not empty (or gone): the folders above are not empty either
    }
  }
}
