/**
 * Which lines of which files a unified diff (`git diff`) changes, numbered in the OLD
 * file: for a review fix the old file is the reviewed head, whose line numbers the
 * review comments use (docs/architecture.md "Review threads").
 */

export interface ChangedFile {
  path: string;
  /** The path before a rename; the same as `path` otherwise. */
  oldPath: string;
  /** Old-file line ranges the diff replaces or inserts at, inclusive. */
  ranges: { start: number; end: number }[];
}

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** git's C-style quoting (`core.quotePath`) undone: octal escapes are UTF-8 bytes. */
function unquote(path: string): string {
  if (!(path.length >= 2 && path.startsWith('"') && path.endsWith('"'))) return path;
  const body = path.slice(1, -1);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] as string;
    if (c !== '\\') {
      bytes.push(...encoder.encode(c));
    } else if (/[0-7]/.test(body[i + 1] ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      const next = body[i + 1] ?? '';
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const stripPrefix = (path: string) => unquote(path).replace(/^[ab]\//, '');

/** `a/x b/x` (or quoted halves); a rename's real names come from its `rename from/to` lines. */
function headerPaths(rest: string): [string, string] {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted !== null) return [stripPrefix(quoted[1] ?? ''), stripPrefix(quoted[2] ?? '')];
  // Unquoted names with spaces: the two halves of an unchanged name are equal.
  const half = (rest.length - 1) / 2;
  const a = rest.slice(0, half);
  const b = rest.slice(half + 1);
  return a.slice(2) === b.slice(2) ? [stripPrefix(a), stripPrefix(b)] : [rest, rest];
}

/**
 * @example
 * changedLines('diff --git a/src/a.js b/src/a.js\n--- a/src/a.js\n+++ b/src/a.js\n@@ -10,2 +10,2 @@\n a\n-b\n+c\n')
 * // [{ path: 'src/a.js', oldPath: 'src/a.js', ranges: [{ start: 11, end: 11 }] }]
 */
export function changedLines(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  let current: ChangedFile | null = null;
  let oldLine = 0;
  let inHunk = false;
  /** Inside a run of removed lines: added lines there replace them. */
  let replacing = false;
  const mark = (start: number, end: number) => {
    const last = current?.ranges.at(-1);
    if (last !== undefined && start <= last.end + 1) last.end = Math.max(last.end, end);
    else current?.ranges.push({ start, end });
  };
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      const [oldPath, path] = headerPaths(line.slice('diff --git '.length));
      current = { oldPath, path, ranges: [] };
      files.push(current);
      inHunk = false;
      continue;
    }
    if (current === null) continue;
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (hunk !== null) {
      // A hunk that removes nothing names the line it inserts after.
      oldLine = hunk[2] === '0' ? Number(hunk[1]) + 1 : Number(hunk[1]);
      inHunk = true;
      replacing = false;
      continue;
    }
    if (!inHunk) {
      if (line.startsWith('--- ') && line !== '--- /dev/null') current.oldPath = stripPrefix(line.slice(4));
      else if (line.startsWith('+++ ') && line !== '+++ /dev/null') current.path = stripPrefix(line.slice(4));
      else if (line.startsWith('rename from ')) current.oldPath = unquote(line.slice('rename from '.length));
      else if (line.startsWith('rename to ')) current.path = unquote(line.slice('rename to '.length));
      continue;
    }
    if (line.startsWith('-')) {
      mark(oldLine, oldLine);
      oldLine += 1;
      replacing = true;
    } else if (line.startsWith('+')) {
      // A pure insertion touches the lines on both sides of it.
      if (!replacing) mark(Math.max(1, oldLine - 1), oldLine);
    } else if (line.startsWith(' ')) {
      oldLine += 1;
      replacing = false;
    }
  }
  return files;
}
