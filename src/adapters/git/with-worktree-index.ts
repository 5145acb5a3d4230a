/**
 * Runs `fn` with a temporary index that holds the whole working tree, untracked files
 * included and ignored files excluded, so that `git diff --cached BASE` shows the
 * working tree against BASE with renames detected across new files. The repository's
 * own index is never touched (the same technique `git stash` uses).
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { git } from './run-git.ts';
import type { GitOptions } from './run-git.ts';

export async function withWorktreeIndex<T>(root: string, fn: (options: GitOptions) => Promise<T>): Promise<T> {
  const gitIndex = (await git(root, ['rev-parse', '--git-path', 'index'])).trim();
  const dir = await mkdtemp(join(tmpdir(), 'greenlight-index-'));
  const index = join(dir, 'index');
  try {
    try {
      await copyFile(isAbsolute(gitIndex) ? gitIndex : join(root, gitIndex), index);
    } catch (error) {
      // A repository without an index yet (nothing staged ever) starts empty.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const options: GitOptions = { env: { GIT_INDEX_FILE: index } };
    await git(root, ['add', '--all', '--', ':/'], options);
    return await fn(options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
