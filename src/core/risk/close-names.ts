/** Suggests known names close to a misspelt one, for "did you mean" messages. */
import { editDistance } from '../config/edit-distance.ts';

/**
 * Up to `limit` candidates close to `name`, closest first: names that contain it or
 * that it contains, or within a small edit distance; failing those, names sharing a
 * word with it (`migrations` → `migration-folder`, `migration-file`, …).
 * @example closeNames('lockfiles', ['lockfile', 'data-file']) // ['lockfile']
 */
export function closeNames(name: string, candidates: readonly string[], limit = 5): string[] {
  const wanted = name.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(wanted.length / 4));
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    return { candidate, lower, distance: editDistance(wanted, lower) };
  });
  const rank = (a: { distance: number; candidate: string }, b: { distance: number; candidate: string }) =>
    a.distance - b.distance || a.candidate.localeCompare(b.candidate);
  const close = scored.filter((s) => s.lower.includes(wanted) || wanted.includes(s.lower) || s.distance <= maxDistance);
  const pool =
    close.length > 0
      ? close
      : scored.filter((s) => s.lower.split('-').some((word) => word.length > 3 && wanted.includes(word)));
  return pool
    .sort(rank)
    .slice(0, limit)
    .map((s) => s.candidate);
}
