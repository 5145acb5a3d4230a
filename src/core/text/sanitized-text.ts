/**
 * `SanitizedText`: untrusted text — an issue or pull-request title or body, a comment, a
 * `/fix` instruction, a `--task` — after `sanitizeUntrustedText` removed everything a
 * reader of the rendered text cannot see (docs/security.md §6). The brand carries the
 * proof: the prompt renderers (`src/core/prompt/`) and context ranking
 * (`assembleContext`) accept only this type, so raw event text cannot reach the model
 * without a type error. Text is sanitized once, where the `TaskRequest` is built
 * (`createTaskRequest`, `buildTaskRequest`), and nowhere downstream.
 *
 * Only `sanitizeUntrustedText` makes one from untrusted text. The helpers here derive
 * sanitized text from sanitized text and text the engine wrote itself, and keep the
 * guarantee: every character of untrusted origin in the result was visible in the
 * rendered original. (`test/core/text/sanitize-once.test.ts` checks that nothing else
 * casts to this type.)
 */

declare const sanitized: unique symbol;

/** A string that went through `sanitizeUntrustedText` (or was derived from one by the helpers below). */
export type SanitizedText = string & { readonly [sanitized]: true };

/** Without whitespace at either end. */
export function trimSanitized(text: SanitizedText): SanitizedText {
  return text.trim() as SanitizedText;
}

/** The first `length` characters: a prefix shows nothing the whole did not. */
export function truncateSanitized(text: SanitizedText, length: number): SanitizedText {
  return text.slice(0, length) as SanitizedText;
}

/** The last `length` characters: a suffix shows nothing the whole did not (a diff hunk ends at its commented line). */
export function lastCharsSanitized(text: SanitizedText, length: number): SanitizedText {
  return (text.length <= length ? text : text.slice(text.length - length)) as SanitizedText;
}

/** The parts joined by `separator`. */
export function joinSanitized(parts: readonly SanitizedText[], separator: SanitizedText): SanitizedText {
  return parts.join(separator) as SanitizedText;
}

/**
 * A template whose literal parts the engine wrote (they are source code, so they cannot
 * come from an event) and whose values are sanitized text or numbers.
 *
 * @example
 * sanitizedTemplate`Comment by @${login}:\n\n${body}` // login and body are SanitizedText
 */
export function sanitizedTemplate(
  strings: TemplateStringsArray,
  ...values: ReadonlyArray<SanitizedText | number>
): SanitizedText {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += `${value}${strings[index + 1] ?? ''}`;
  });
  return text as SanitizedText;
}
