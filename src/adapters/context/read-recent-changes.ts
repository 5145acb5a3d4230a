/**
 * Recently changed files, as data for the ranking: for `/fix`, the files the pull
 * request changed against its base; and the files of the last commits.
 */
import type { RecentChange } from '../../core/context/types.ts';
import { runGit } from '../git/run-git.ts';

export interface RecentChangeOptions {
  /** Base commit/branch of the pull request: files changed in `base...HEAD` are 'diff'. */
  base?: string;
  /** How many recent commits count as 'log' (default 10; 0 for none). */
  commits?: number;
}

export async function readRecentChanges(root: string, options: RecentChangeOptions = {}): Promise<RecentChange[]> {
  const changes: RecentChange[] = [];
  const seen = new Set<string>();
  if (options.base) {
    const diff = await runGit(root, ['diff', '--name-only', '-z', '--no-renames', `${options.base}...HEAD`]);
    if (diff.exitCode === 0) {
      for (const path of diff.stdout.split('\0').filter(Boolean).sort()) {
        if (!seen.has(path)) changes.push({ path, source: 'diff' });
        seen.add(path);
      }
    }
  }
  const commits = options.commits ?? 10;
  if (commits > 0) {
    const log = await runGit(root, ['log', `-n${commits}`, '--name-only', '--format=', '-z', '--no-renames']);
    if (log.exitCode === 0) {
      for (const path of log.stdout.split(/[\0\n]/).filter(Boolean)) {
        if (!seen.has(path)) changes.push({ path, source: 'log' });
        seen.add(path);
      }
    }
  }
  return changes;
}
