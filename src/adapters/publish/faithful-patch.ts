/**
 * The job's patch as bytes. `JobResult.outcome.diff` is text decoded as UTF-8, which
 * is lossless for `git diff --binary` output except in one case: a text file (no NUL
 * byte) whose content is not valid UTF-8 (Latin-1 sources, Windows-1252 fixtures)
 * would be committed with U+FFFD in place of its bytes. Only then (the text holds
 * U+FFFD), and only when the working tree still holds the job's final state, the same
 * diff is read again as raw bytes; otherwise the job's text is used as it is.
 */
import { DIFF_FLAGS } from '../git/diff-changes.ts';
import { runGitBytes } from '../git/run-git.ts';
import { withWorktreeIndex } from '../git/with-worktree-index.ts';

export async function faithfulPatch(root: string, base: string, diff: string): Promise<string | Uint8Array> {
  if (!diff.includes('\uFFFD')) return diff;
  try {
    const bytes = await withWorktreeIndex(root, async (options) => {
      const result = await runGitBytes(root, ['diff', ...DIFF_FLAGS, '--binary', '--cached', base, '--'], options);
      return result.exitCode === 0 ? result.stdout : null;
    });
    // Same text once decoded: the tree is the job's, and the bytes are the faithful copy.
    return bytes !== null && bytes.toString('utf8') === diff ? bytes : diff;
  } catch {
    return diff;
  }
}
