/**
 * Content patterns compiled so that a text is scanned once per rule, not once per
 * pattern or once per line (see `bench/risk.bench.ts`, which measures it on a real-shaped
 * diff). Patterns are joined into one alternation per flag set. A rule that must not
 * match inside comments (a migration marker or DDL quoted in a comment or a JSDoc
 * example is not a migration) checks the line of each hit instead of wrapping every
 * pattern in a per-line prefix, which rescanned each line once per pattern.
 */
import { combinePatterns } from './combine-patterns.ts';

/** True when the text holds a match. */
export type ContentMatcher = (text: string) => boolean;

/** A line that starts with a comment marker (`--` goose/dbmate directives are code). */
const COMMENT_LINE = /[ \t]*(?:\/\/|\/\*|\*|#(?!\[)|--(?!\s*(?:\+goose|migrate:)))/y;

/** True when the line holding `index` in `text` starts with a comment marker. */
export function isCommentLineAt(text: string, index: number): boolean {
  COMMENT_LINE.lastIndex = text.lastIndexOf('\n', index - 1) + 1;
  return COMMENT_LINE.test(text);
}

function firstCodeMatch(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (!isCommentLineAt(text, match.index)) return true;
    // Every hit on a comment line is in the comment: go on at the next line.
    const next = text.indexOf('\n', match.index);
    if (next === -1) return false;
    pattern.lastIndex = next + 1;
  }
  return false;
}

/**
 * Compiles `patterns` into one matcher. With `codeOnly`, a match counts only when it
 * starts on a line that is not a comment.
 *
 * @example contentMatcher([/\bCREATE TABLE\b/], { codeOnly: true })('-- CREATE TABLE t') // false
 */
export function contentMatcher(patterns: readonly RegExp[], options: { codeOnly: boolean }): ContentMatcher {
  const combined = combinePatterns(patterns);
  if (!options.codeOnly) return (text) => combined.some((pattern) => pattern.test(text));
  const global = combined.map((pattern) => new RegExp(pattern.source, `${pattern.flags}g`));
  return (text) => global.some((pattern) => firstCodeMatch(pattern, text));
}
