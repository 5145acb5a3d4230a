/** Untrusted text squeezed onto one printable line (titles, commit subjects). */

/**
 * Control and format characters removed, whitespace runs collapsed, cut to `max`
 * characters with an ellipsis.
 * @example oneLine('Fix\n the  parser\u202e', 72) // 'Fix the parser'
 */
export function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`;
}
