/**
 * BM25 over file contents and over file paths, for the task's terms only.
 *
 * There is no full inverted index: building one means tokenizing every byte of the
 * repository (≈1 s per 180 MB in V8, most of it allocating token strings). Instead one
 * case-insensitive regular expression of the query terms scans each file once and
 * counts term frequencies; that is all BM25 needs. A term matches where it starts a
 * word part or inside one (`ledger` counts in `closeLedger` and in `ledgers`), which makes it
 * a prefix/stem match on camelCase and snake_case parts.
 */
import { splitWords } from './split-words.ts';
import type { IndexedFile, WeightedTerm } from './types.ts';

/** Terms scanned in contents: more make the scan slower and rarely change the top files. */
export const MAX_CONTENT_TERMS = 24;
const MIN_CONTENT_TERM_LENGTH = 3;
const MAX_PATH_TERMS = 64;
const K1 = 1.2;
const B = 0.75;
// Paths are short documents, so length normalisation matters less.
const PATH_B = 0.3;

export interface LexicalScores {
  /** BM25 of each file's content (index = file index). */
  content: Float64Array;
  /** BM25 of each file's path tokens. */
  path: Float64Array;
  /** Term → (file index → occurrences), for terms that were scanned in contents. */
  occurrences: Map<string, Map<number, number>>;
  /** The terms that were scanned in contents, highest weight first. */
  scannedTerms: string[];
}

/** Term frequencies of the task's terms in every file (one regex pass per file). */
export interface TermScan {
  /** The terms that were scanned in contents, highest weight first. */
  scannedTerms: string[];
  /** Term → (file index → occurrences). */
  occurrences: Map<string, Map<number, number>>;
}

/** Counts the top terms (by weight, at most MAX_CONTENT_TERMS, 3+ letters) in every file. */
export function scanTerms(files: readonly IndexedFile[], terms: readonly WeightedTerm[]): TermScan {
  const scannedTerms = terms
    .filter((t) => t.term.length >= MIN_CONTENT_TERM_LENGTH)
    .slice(0, MAX_CONTENT_TERMS)
    .map((t) => t.term);
  return { scannedTerms, occurrences: countOccurrences(files, scannedTerms) };
}

/** BM25 of every file's content (from `scan`) and path for `terms` (their weights may differ from the scan's). */
export function lexicalScores(
  files: readonly IndexedFile[],
  paths: PathVocabulary,
  terms: readonly WeightedTerm[],
  scan: TermScan,
): LexicalScores {
  const queryWeight = new Map(terms.map((t) => [t.term, 1 + Math.log(Math.max(1, t.weight))]));
  const { scannedTerms: scanned, occurrences } = scan;
  const n = files.length;
  const content = new Float64Array(n);
  if (n > 0 && scanned.length > 0) {
    let totalLength = 0;
    for (const file of files) totalLength += file.size;
    const averageLength = Math.max(1, totalLength / n);
    for (const term of scanned) {
      const hits = occurrences.get(term)!;
      const idf = inverseDocumentFrequency(n, hits.size);
      const weight = (queryWeight.get(term) ?? 1) * idf;
      for (const [index, tf] of hits) {
        const norm = 1 - B + (B * files[index]!.size) / averageLength;
        content[index]! += (weight * tf * (K1 + 1)) / (tf + K1 * norm);
      }
    }
  }
  return { content, path: pathScores(paths, terms, queryWeight), occurrences, scannedTerms: scanned };
}

function inverseDocumentFrequency(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function countOccurrences(files: readonly IndexedFile[], terms: readonly string[]): Map<string, Map<number, number>> {
  const occurrences = new Map<string, Map<number, number>>(terms.map((t) => [t, new Map()]));
  if (terms.length === 0) return occurrences;
  // Longest first, so that `ranking` is counted as itself and not as `rank` + `ing`.
  const alternatives = [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegExp);
  const pattern = new RegExp(alternatives.join('|'), 'gi');
  for (let index = 0; index < files.length; index += 1) {
    const text = files[index]!.content;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const hits = occurrences.get(m[0].toLowerCase());
      if (hits) hits.set(index, (hits.get(index) ?? 0) + 1);
    }
  }
  return occurrences;
}

function pathScores(
  paths: PathVocabulary,
  terms: readonly WeightedTerm[],
  queryWeight: ReadonlyMap<string, number>,
): Float64Array {
  const n = paths.tokenCounts.length;
  const scores = new Float64Array(n);
  if (n === 0) return scores;
  let totalTokens = 0;
  for (const count of paths.tokenCounts) totalTokens += count;
  const averageTokens = Math.max(1, totalTokens / n);
  for (const { term } of terms.slice(0, MAX_PATH_TERMS)) {
    const tf = new Map<number, number>();
    for (const [token, fileIndexes] of paths.vocabulary) {
      if (!tokenMatches(token, term)) continue;
      for (const index of fileIndexes) tf.set(index, (tf.get(index) ?? 0) + 1);
    }
    if (tf.size === 0) continue;
    const weight = queryWeight.get(term)! * inverseDocumentFrequency(n, tf.size);
    for (const [index, count] of tf) {
      const norm = 1 - PATH_B + (PATH_B * paths.tokenCounts[index]!) / averageTokens;
      scores[index]! += (weight * count * (K1 + 1)) / (count + K1 * norm);
    }
  }
  return scores;
}

/** A path token matches a term when equal, or when one is a prefix (4+ letters) of the other. */
function tokenMatches(token: string, term: string): boolean {
  if (token === term) return true;
  if (term.length >= 4 && token.startsWith(term)) return true;
  return token.length >= 4 && term.startsWith(token);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Word parts of every path: a token → file indexes map (an index per occurrence). */
export interface PathVocabulary {
  vocabulary: Map<string, number[]>;
  tokenCounts: Uint16Array;
}

/** Builds the `PathVocabulary` of `files`, once per index (see index-cache.ts). */
export function pathVocabulary(files: readonly IndexedFile[]): PathVocabulary {
  const vocabulary = new Map<string, number[]>();
  const tokenCounts = new Uint16Array(files.length);
  files.forEach((file, index) => {
    const tokens = splitWords(file.path);
    tokenCounts[index] = Math.min(tokens.length, 65_535);
    for (const token of tokens) {
      const list = vocabulary.get(token);
      if (list) list.push(index);
      else vocabulary.set(token, [index]);
    }
  });
  return { vocabulary, tokenCounts };
}
