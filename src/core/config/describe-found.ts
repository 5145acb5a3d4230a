/**
 * Shows the value a user wrote, shortened, so that an error can say what was found:
 * `found "five"`, `found an empty value`, `found a list ["a", …]`.
 */
const MAX_LENGTH = 40;

function shorten(text: string): string {
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 1)}…`;
}

/** A short description of `value` as parsed from YAML. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return shorten(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `a list ${shorten(JSON.stringify(value) ?? '[]')}`;
  if (typeof value === 'object') return `a mapping ${shorten(JSON.stringify(value) ?? '{}')}`;
  return shorten(String(value));
}
