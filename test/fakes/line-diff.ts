/**
 * A small line diff for the fakes: common prefix and suffix trimmed, LCS on the middle
 * (whole-middle replacement when it would be too big to compute quickly).
 */
export interface LineDiff {
  removed: string[];
  added: string[];
  /** Unified-diff hunk body lines (' ', '-', '+' prefixed). */
  hunk: string[];
}

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string | null, after: string | null): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = (midA.length + 1) * (midB.length + 1) > MAX_CELLS ? replaceAll(midA, midB) : lcsOps(midA, midB);
  const removed = ops.filter((o) => o.op === '-').map((o) => o.line);
  const added = ops.filter((o) => o.op === '+').map((o) => o.line);
  const hunk = ops.map((o) => `${o.op}${o.line}`);
  return { removed, added, hunk };
}

function splitLines(text: string | null): string[] {
  if (text === null || text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

interface Op {
  op: ' ' | '-' | '+';
  line: string;
}

function replaceAll(a: string[], b: string[]): Op[] {
  return [...a.map((line) => ({ op: '-' as const, line })), ...b.map((line) => ({ op: '+' as const, line }))];
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = table[i] as number[];
    const next = table[i + 1] as number[];
    for (let j = m - 1; j >= 0; j -= 1) {
      row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ op: ' ', line: a[i] as string });
      i += 1;
      j += 1;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) {
      ops.push({ op: '-', line: a[i] as string });
      i += 1;
    } else {
      ops.push({ op: '+', line: b[j] as string });
      j += 1;
    }
  }
  while (i < n) ops.push({ op: '-', line: a[i++] as string });
  while (j < m) ops.push({ op: '+', line: b[j++] as string });
  return ops;
}
