/**
 * Runs `fn` with a temporary index that holds the whole working tree, untracked files
 * included and ignored files excluded, so that `git diff --cached BASE` shows the
 * working tree against BASE with renames detected across new files. The repository's
 * own index is never touched (the same technique `git stash` uses).
 *
 * The copy keeps git's racy-clean protection. Git trusts an entry's cached stat data
 * (mtime, ctime, size, inode) unless the entry is "racily clean": modified no earlier
 * than the index file itself, in which case it re-reads the content. A plain copy has
 * a fresh mtime, so no entry looks racy any more and an in-place edit of the same size
 * in the same second as the indexed stat would be taken as unchanged. The copy is
 * therefore dated back to the original's mtime, truncated to the second: git then
 * re-reads every entry the original would have re-read (and, where git compares
 * nanoseconds, a few more).
 */
import { open, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { git } from './run-git.ts';
import type { GitOptions } from './run-git.ts';

export async function withWorktreeIndex<T>(root: string, fn: (options: GitOptions) => Promise<T>): Promise<T> {
  const gitIndex = (await git(root, ['rev-parse', '--git-path', 'index'])).trim();
  const dir = await mkdtemp(join(tmpdir(), 'greenlight-index-'));
  const index = join(dir, 'index');
  try {
    await copyIndex(isAbsolute(gitIndex) ? gitIndex : join(root, gitIndex), index);
    const options: GitOptions = { env: { GIT_INDEX_FILE: index } };
    await git(root, ['add', '--all', '--', ':/'], options);
    return await fn(options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Copies the index at `source` to `target` with the source's mtime (whole seconds).
 * Content and mtime come from one open file: git replaces the index by renaming a new
 * file over it, so a path-based stat could pair an older copy with a newer date.
 */
async function copyIndex(source: string, target: string): Promise<void> {
  let handle;
  try {
    handle = await open(source, 'r');
  } catch (error) {
    // A repository without an index yet (nothing staged ever) starts empty.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const { mtimeMs } = await handle.stat();
    await writeFile(target, await handle.readFile());
    // Never 0: git reads an index dated 0 as "nothing is racy".
    const seconds = Math.max(1, Math.floor(mtimeMs / 1000));
    await utimes(target, seconds, seconds);
  } finally {
    await handle.close();
  }
}
