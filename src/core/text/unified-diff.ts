/**
 * A unified diff of two small texts (config and workflow files), as `greenlight init
 * --dry-run` shows what it would write. Longest common subsequence over lines: quadratic,
 * which is fine for files of a few hundred lines and keeps the output exactly what
 * `diff -u` users expect (`---`/`+++` headers, `@@` hunks with 3 lines of context).
 */

export interface DiffLabels {
  /** `a/.github/greenlight.yml`, or `/dev/null` for a new file. */
  from: string;
  to: string;
}

const CONTEXT = 3;

function lines(text: string): string[] {
  if (text === '') return [];
  const split = text.split('\n');
  if (split.at(-1) === '') split.pop();
  return split;
}

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function operations(a: string[], b: string[]): Op[] {
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1)
    for (let j = b.length - 1; j >= 0; j -= 1)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', line: a[i]!, a: i++, b: j++ });
    // Removals before additions, as diff -u shows a changed line.
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ kind: '-', line: a[i]!, a: i++, b: j });
    else ops.push({ kind: '+', line: b[j]!, a: i, b: j++ });
  }
  return ops;
}

/** The diff from `before` to `after` (texts that end with a line break); '' when they are equal. */
export function unifiedDiff(before: string, after: string, labels: DiffLabels): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  const ops = operations(a, b);
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index !== -1);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  let at = 0;
  while (at < changed.length) {
    const start = Math.max(0, changed[at]! - CONTEXT);
    let end = changed[at]!;
    // Changes closer than twice the context share a hunk.
    while (at + 1 < changed.length && changed[at + 1]! - end <= 2 * CONTEXT) end = changed[++at]!;
    at += 1;
    const hunk = ops.slice(start, Math.min(ops.length, end + CONTEXT + 1));
    const aLines = hunk.filter((op) => op.kind !== '+').length;
    const bLines = hunk.filter((op) => op.kind !== '-').length;
    const aStart = aLines === 0 ? hunk[0]!.a : hunk[0]!.a + 1;
    const bStart = bLines === 0 ? hunk[0]!.b : hunk[0]!.b + 1;
    out.push(`@@ -${aStart},${aLines} +${bStart},${bLines} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
  }
  return `${out.join('\n')}\n`;
}
