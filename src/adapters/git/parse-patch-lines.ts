/**
 * Collects added and removed lines per file from a `git diff -U0` patch. Hunk
 * headers give exact line counts, so content lines that look like headers (a removed
 * SQL comment `-- x` shows as `--- x`) are never mistaken for them.
 */
import { unquotePath } from './unquote-path.ts';

export interface PatchLines {
  added: string[];
  removed: string[];
  /** The line number in the new file of each of `added`, in the same order. */
  addedAt: number[];
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Strips `a/` or `b/` and git's trailing tab (added when a name has a space). */
function headerPath(raw: string): string | undefined {
  const text = raw.replace(/\t$/, '');
  if (text === '/dev/null') return undefined;
  const unquoted = unquotePath(text);
  return unquoted.replace(/^[ab]\//, '');
}

/** The path of a `diff --git a/X b/X` line when nothing else names it (mode-only changes). */
function pathFromDiffLine(line: string): string {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ', 1);
    const second = rest.slice(end + 2);
    return headerPath(second) ?? '';
  }
  const length = (rest.length - 5) / 2; // "a/" + P + " b/" + P
  return Number.isInteger(length) ? rest.slice(rest.length - length) : rest.slice(rest.lastIndexOf(' b/') + 3);
}

/** Parses a unified patch (from `git diff -U0`) into lines per path (new path; old path for deletions). */
export function parsePatchLines(patch: string): Map<string, PatchLines> {
  const result = new Map<string, PatchLines>();
  const lines = patch.split('\n');
  let current: PatchLines | undefined;
  let pending: { diffLine: string; minus?: string; plus?: string; renameTo?: string; lines: PatchLines } | undefined;
  let removedLeft = 0;
  let addedLeft = 0;
  let nextLine = 0;

  const settle = () => {
    if (!pending) return;
    const path = pending.plus ?? pending.renameTo ?? pending.minus ?? pathFromDiffLine(pending.diffLine);
    const existing = result.get(path);
    if (existing) {
      // A type change comes as a deletion and an addition of the same path.
      existing.added.push(...pending.lines.added);
      existing.addedAt.push(...pending.lines.addedAt);
      existing.removed.push(...pending.lines.removed);
      current = existing;
    } else {
      result.set(path, pending.lines);
      current = pending.lines;
    }
    pending = undefined;
  };

  for (const line of lines) {
    if (removedLeft > 0 || addedLeft > 0) {
      const target = pending?.lines ?? current;
      if (line.startsWith('-') && removedLeft > 0) {
        target?.removed.push(line.slice(1));
        removedLeft -= 1;
        continue;
      }
      if (line.startsWith('+') && addedLeft > 0) {
        target?.added.push(line.slice(1));
        target?.addedAt.push(nextLine);
        nextLine += 1;
        addedLeft -= 1;
        continue;
      }
      if (line.startsWith('\\')) continue; // "\ No newline at end of file"
      removedLeft = 0;
      addedLeft = 0;
    }
    if (line.startsWith('diff --git ')) {
      settle();
      pending = { diffLine: line, lines: { added: [], removed: [], addedAt: [] } };
      continue;
    }
    if (line.startsWith('\\')) continue;
    if (pending) {
      if (line.startsWith('--- ')) pending.minus = headerPath(line.slice(4));
      else if (line.startsWith('+++ ')) pending.plus = headerPath(line.slice(4));
      else if (line.startsWith('rename to ')) pending.renameTo = unquotePath(line.slice('rename to '.length));
      else if (line.startsWith('copy to ')) pending.renameTo = unquotePath(line.slice('copy to '.length));
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      settle();
      removedLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      nextLine = Number(hunk[2]);
      addedLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    }
  }
  settle();
  return result;
}
