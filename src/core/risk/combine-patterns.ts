/**
 * Joins regular expressions into one alternation per flag set, so that a text is
 * scanned once per flag set rather than once per pattern (sticky and global flags
 * are dropped: callers only `test`).
 */
export function combinePatterns(patterns: readonly RegExp[]): RegExp[] {
  const byFlags = new Map<string, string[]>();
  for (const pattern of patterns) {
    const flags = pattern.flags.replace(/[gy]/g, '');
    byFlags.set(flags, [...(byFlags.get(flags) ?? []), `(?:${pattern.source})`]);
  }
  return [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
}
