/**
 * The FileChange list of one `git diff` range: statuses, renames and modes from
 * `--raw`, binary detection from `--numstat` (`-\t-`), added/removed lines from a
 * `-U0` patch. The range is whatever `git diff` accepts: `base head`, or
 * `--cached base` with a temporary index that holds the working tree.
 */
import type { FileChange } from '../../ports/workspace.ts';
import { parsePatchLines } from './parse-patch-lines.ts';
import { parseRawNumstat } from './parse-raw-numstat.ts';
import { git } from './run-git.ts';
import type { GitOptions } from './run-git.ts';

/** Flags that keep diff output independent of user and repository config. */
export const DIFF_FLAGS = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '-M',
  '--ignore-submodules=none',
  '--submodule=short',
];

/** Lists the changes of `range` (arguments to `git diff`, before any `--`). */
export async function diffChanges(
  root: string,
  range: readonly string[],
  options: GitOptions = {},
): Promise<FileChange[]> {
  const [summary, patch] = await Promise.all([
    git(root, ['diff', ...DIFF_FLAGS, '--raw', '--numstat', '-z', ...range, '--'], options),
    git(root, ['diff', ...DIFF_FLAGS, '-U0', ...range, '--'], options),
  ]);
  const { entries, binary } = parseRawNumstat(summary);
  const lines = parsePatchLines(patch);
  return entries.map((entry): FileChange => {
    const isBinary = binary.has(entry.path);
    const patchLines = isBinary ? undefined : lines.get(entry.path);
    return {
      path: entry.path,
      ...(entry.previousPath !== undefined ? { previousPath: entry.previousPath } : {}),
      status: entry.status,
      oldMode: entry.oldMode,
      newMode: entry.newMode,
      binary: isBinary,
      addedLines: patchLines?.added ?? [],
      addedAt: patchLines?.addedAt ?? [],
      removedLines: patchLines?.removed ?? [],
    };
  });
}
