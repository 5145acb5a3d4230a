/**
 * Picks the known key a misspelt one most likely meant, so that an unknown-key error
 * can say "did you mean `maxIterations`?".
 */
import { editDistance } from './edit-distance.ts';

/** Lower-cases and drops `_`, `-` and spaces: `max_iterations` and `MaxIterations` both match `maxIterations`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The closest candidate to `key`, or undefined when none is close enough. Close means
 * equal after normalizing case and separators, or within an edit distance of 1 for
 * short keys (≤ 4 characters) and 2 otherwise.
 *
 * @example suggestKey('maxIteration', ['maxIterations', 'maxTokens']) // 'maxIterations'
 */
export function suggestKey(key: string, candidates: readonly string[]): string | undefined {
  const wanted = normalizeKey(key);
  const exact = candidates.find((candidate) => normalizeKey(candidate) === wanted);
  if (exact !== undefined) return exact;
  const limit = key.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalizeKey(candidate));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
