/**
 * The default file list for search and listing: tracked files plus new files that
 * are not ignored, as git sees them (so node_modules and build output stay out).
 */
import { git } from '../git/run-git.ts';

/** Lists the workspace's files relative to `root`, sorted. */
export async function gitListFiles(root: string): Promise<string[]> {
  const stdout = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  const files = new Set(stdout.split('\0').filter((path) => path !== ''));
  return [...files].sort();
}
