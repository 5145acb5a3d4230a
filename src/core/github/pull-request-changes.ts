/**
 * A pull request's files as the REST API lists them (`pulls.listFiles`: path, status,
 * unified `patch` per file) → the risk classifier's FileChange. The App never clones,
 * so this is all it sees of the diff, and it fails closed where the API is silent:
 *
 * - no `patch` for a file that changed (binary, or a diff too large to show) → the file
 *   counts as binary, which the classifier treats as unreadable (`high`);
 * - `status: changed` with no patch is a mode or type change → the new mode is unknown
 *   until `modes` says otherwise, and an unknown new mode counts as executable.
 */
import type { FileChange, FileChangeStatus } from '../../ports/workspace.ts';

export interface ApiFile {
  filename: string;
  previous_filename?: string;
  status: string;
  patch?: string;
  additions: number;
  deletions: number;
  changes?: number;
}

/** Git modes before and after, by path, where the App could read them (fileModes). */
export interface ModeFacts {
  base: ReadonlyMap<string, string>;
  head: ReadonlyMap<string, string>;
}

const STATUS: Record<string, FileChangeStatus> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'added',
  changed: 'modified',
  unchanged: 'modified',
};

/** Added and removed lines of a unified patch (hunks only, as the API gives them). */
export function patchLines(patch: string): { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  let removedLeft = 0;
  let addedLeft = 0;
  for (const line of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk !== null && removedLeft === 0 && addedLeft === 0) {
      removedLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      addedLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      continue;
    }
    // Counting by the hunk header keeps a removed "-- comment" line from being taken
    // for anything else; context lines use up one of each.
    if (line.startsWith('+') && addedLeft > 0) {
      added.push(line.slice(1));
      addedLeft -= 1;
    } else if (line.startsWith('-') && removedLeft > 0) {
      removed.push(line.slice(1));
      removedLeft -= 1;
    } else if (line.startsWith(' ') || (line === '' && (addedLeft > 0 || removedLeft > 0))) {
      addedLeft = Math.max(0, addedLeft - 1);
      removedLeft = Math.max(0, removedLeft - 1);
    }
  }
  return { added, removed };
}

/** One API file → FileChange. */
export function toFileChange(file: ApiFile, modes: ModeFacts | null): FileChange {
  const status = STATUS[file.status] ?? 'modified';
  const lines = file.patch === undefined ? { added: [], removed: [] } : patchLines(file.patch);
  // A rename or a mode change without content changes legitimately has no patch.
  const silent =
    file.patch === undefined &&
    (file.additions > 0 || file.deletions > 0 || status === 'added' || status === 'deleted');
  const oldPath = file.previous_filename ?? file.filename;
  const oldMode = status === 'added' ? undefined : modes?.base.get(oldPath);
  let newMode = status === 'deleted' ? undefined : modes?.head.get(file.filename);
  if (file.status === 'changed' && newMode === undefined) newMode = '100755';
  return {
    path: file.filename,
    ...(file.previous_filename === undefined || status !== 'renamed' ? {} : { previousPath: file.previous_filename }),
    status,
    ...(oldMode === undefined ? {} : { oldMode }),
    ...(newMode === undefined ? {} : { newMode }),
    binary: silent,
    addedLines: lines.added,
    removedLines: lines.removed,
  };
}
