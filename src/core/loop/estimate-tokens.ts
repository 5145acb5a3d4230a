/**
 * A token estimate for BUDGET CHECKS, deliberately high so that a budget fails closed:
 * one token per 3 ASCII characters (Claude's tokenizer averages 3.5–4 on code and
 * English) and one per other UTF-16 unit (CJK and emoji run close to that). Never use
 * it for reporting: reports use the usage the provider returns.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 128) ascii += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 3) + other;
}
