/**
 * Which ignore rule, if any, makes git ignore a path of the working tree: the answer
 * of `git check-ignore -v`, as `source:line:pattern` (e.g. `.gitignore:2:*.conf*`).
 * Tracked files are never ignored (git ignores only untracked ones), and a rule that
 * matches with a negation (`!keep.conf`) un-ignores. The model's editor refuses
 * ignored paths with this text (docs/security.md §28): a file git ignores never shows
 * in a diff, so it could change what the tests do without anyone reviewing it.
 */
import { runGit } from './run-git.ts';

/**
 * The rule that ignores `path` (relative to `root`), or null when git does not ignore it.
 * @example await ignoreRule('/repo', 'vitest.config.ts') // '.gitignore:2:*.conf*'
 */
export async function ignoreRule(root: string, path: string): Promise<string | null> {
  const result = await runGit(root, ['check-ignore', '-v', '-z', '--stdin'], { input: `${path}\0` });
  // 0: a rule matched; 1: none did; anything else is git failing, which must not pass as "not ignored".
  if (result.exitCode === 1) return null;
  const [source = '', line = '', pattern = ''] = result.stdout.split('\0');
  if (result.exitCode !== 0 || pattern === '') {
    throw new Error(`git check-ignore failed for ${path}: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
  }
  return pattern.startsWith('!') ? null : `${source}:${line}:${pattern}`;
}
