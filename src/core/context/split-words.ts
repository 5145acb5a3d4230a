/**
 * Lower-case word parts of identifiers and paths, the unit of lexical matching:
 * `closeLedger` → close, ledger; `HTTPServer` → http, server; `parse_date` → parse, date;
 * `src/core/risk-tier.ts` → src, core, risk, tier, ts.
 */
const PARTS = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const m of text.matchAll(PARTS)) words.push(m[0].toLowerCase());
  return words;
}
