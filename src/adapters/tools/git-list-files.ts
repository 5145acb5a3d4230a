/**
 * The default file list for search and listing: tracked files plus new files that
 * are not ignored, as git sees them (so node_modules and build output stay out).
 */
import { execa } from 'execa';

/** Lists the workspace's files relative to `root`, sorted. */
export async function gitListFiles(root: string): Promise<string[]> {
  const result = await execa('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    reject: false,
    stripFinalNewline: false,
  });
  if (result.exitCode !== 0) {
    throw new Error(`git ls-files failed in ${root}: ${result.stderr.trim()}`);
  }
  const files = new Set(result.stdout.split('\0').filter((path) => path !== ''));
  return [...files].sort();
}
