/** Small formatters shared by the report renderers; deterministic (fixed locale). */

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Dollars with 4 decimals under $1 (a run costs cents), 2 above. */
export function formatUsd(usd: number): string {
  if (Number.isNaN(usd)) return 'unpriced';
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** `850 ms`, `12.3 s`, `3 min 12 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/**
 * Inline code that its content cannot break out of: untrusted text (a title, a test
 * name) renders literally, with no markdown, HTML or @-mentions.
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A table cell: pipes escaped so they cannot open a new column. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
