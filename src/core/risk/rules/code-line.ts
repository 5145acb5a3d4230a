/**
 * Wraps a content pattern so that it matches only on lines that are not comments:
 * a migration marker or DDL quoted in a comment or a JSDoc example is not a migration.
 */
export function codeLine(pattern: RegExp): RegExp {
  const flags = pattern.flags.includes('m') ? pattern.flags : `${pattern.flags}m`;
  return new RegExp(
    `^(?![ \\t]*(?://|/\\*|\\*|#(?!\\[)|--(?!\\s*(?:\\+goose|migrate:))))[^\\n]*?(?:${pattern.source})`,
    flags,
  );
}
