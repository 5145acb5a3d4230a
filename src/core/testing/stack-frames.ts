/**
 * Reading JavaScript-style stack traces: where a failure happened in the test file,
 * and a short stack without runner internals.
 */

const FRAME = /^\s*at\s/;
const INTERNAL =
  /node_modules\/|\(node:|^\s*at node:|\bnode:internal\b|<anonymous>\)?$|new Promise \(|processTicksAndRejections|Promise\.all \(index/;

/** Source positions (`path:line:col`) that appear in a text, in order. */
export function findPositions(text: string): Array<{ file: string; line: number }> {
  const positions: Array<{ file: string; line: number }> = [];
  for (const match of text.matchAll(/(?:file:\/\/)?((?:[A-Za-z]:)?[^\s():'"`]+\.[A-Za-z0-9]+):(\d+)(?::\d+)?/g)) {
    positions.push({ file: match[1] as string, line: Number(match[2]) });
  }
  return positions;
}

/** Line of the first position in `text` that points into `file` (paths compared by suffix). */
export function failureLine(text: string | undefined, file: string | null): number | undefined {
  if (text === undefined || file === null) return undefined;
  const hit = findPositions(text).find(
    (p) => p.file === file || p.file.endsWith(`/${file}`) || file.endsWith(`/${p.file}`),
  );
  return hit?.line;
}

/**
 * Split an error text into message (everything before the first stack frame) and a
 * short stack: at most `maxFrames` frames, runner internals and node_modules dropped.
 */
export function splitStack(text: string, maxFrames = 5): { message: string; stack: string | undefined } {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => FRAME.test(l));
  if (first < 0) return { message: text.trimEnd(), stack: undefined };
  const frames = lines.slice(first).filter((l) => FRAME.test(l));
  const useful = frames.filter((l) => !INTERNAL.test(l));
  const kept = useful.slice(0, maxFrames).map((l) => l.trim());
  return {
    message: lines.slice(0, first).join('\n').trimEnd(),
    stack: kept.length === 0 ? undefined : kept.join('\n'),
  };
}
