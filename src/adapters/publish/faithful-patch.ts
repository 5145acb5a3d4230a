/**
 * The job's patch as bytes. `JobResult.outcome.diff` is text decoded as UTF-8, which
 * is lossless for `git diff --binary` output except in one case: a text file (no NUL
 * byte) whose content is not valid UTF-8 (Latin-1 sources, Windows-1252 fixtures)
 * would be committed with U+FFFD in place of its bytes. Only then (the text holds
 * U+FFFD), and only when the working tree still holds the job's final state, the same
 * diff is read again as raw bytes; otherwise the job's text is used as it is.
 */
import { execa } from 'execa';
import { DIFF_FLAGS } from '../git/diff-changes.ts';
import { withWorktreeIndex } from '../git/with-worktree-index.ts';

export async function faithfulPatch(root: string, base: string, diff: string): Promise<string | Uint8Array> {
  if (!diff.includes('\uFFFD')) return diff;
  try {
    const bytes = await withWorktreeIndex(root, async (options) => {
      const result = await execa(
        'git',
        [
          '-C',
          root,
          '-c',
          'core.quotePath=true',
          '-c',
          'core.fsmonitor=false',
          'diff',
          ...DIFF_FLAGS,
          '--binary',
          '--cached',
          base,
          '--',
        ],
        {
          encoding: 'buffer',
          reject: false,
          stripFinalNewline: false,
          maxBuffer: 1024 * 1024 * 1024,
          stdin: 'ignore',
          env: { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', ...options.env },
        },
      );
      return result.exitCode === 0 ? Buffer.from(result.stdout) : null;
    });
    // Same text once decoded: the tree is the job's, and the bytes are the faithful copy.
    return bytes !== null && bytes.toString('utf8') === diff ? bytes : diff;
  } catch {
    return diff;
  }
}
