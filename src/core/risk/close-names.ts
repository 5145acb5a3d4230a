/** Suggests known names close to a misspelt one, for "did you mean" messages. */
import { editDistance } from '../config/edit-distance.ts';

/**
 * Up to `limit` candidates close to `name`: within edit distance 3, or sharing a
 * word-prefix (`migration` → `migration-folder`), closest first.
 * @example closeNames('migrations', ['migration-folder', 'lockfile']) // ['migration-folder']
 */
export function closeNames(name: string, candidates: readonly string[], limit = 5): string[] {
  const wanted = name.toLowerCase();
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    const related = lower.includes(wanted) || wanted.includes(lower)
      || lower.split('-').some((word) => word.length > 3 && wanted.includes(word));
    return { candidate, score: editDistance(wanted, lower) - (related ? 100 : 0) };
  });
  return scored
    .filter((entry) => entry.score <= 3)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
