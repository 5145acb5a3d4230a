/**
 * Whether greenlight repairs a pull request's failed CI run once more, or hands it to a
 * human (docs/architecture.md "CI repair"): never more than `repair.maxAttempts` repair
 * commits per pull request, and never again when CI failed the same way on greenlight's
 * own last repair (it made no progress). Decided before any model call.
 */
import type { RepairHistory } from './repair-attempts.ts';

export type RepairDecision =
  | { kind: 'repair'; attempt: number }
  | { kind: 'needs-human'; reason: 'cap'; attempts: number }
  | { kind: 'needs-human'; reason: 'no-progress'; attempts: number; sha: string };

/**
 * @param headSha the commit the failed run tested.
 * @param fingerprint the failure's `failureFingerprint`.
 * @example decideRepair({ history: { commits: [] }, headSha, fingerprint: 'a1b2c3d4', maxAttempts: 2 })
 * // { kind: 'repair', attempt: 1 }
 */
export function decideRepair(input: {
  history: RepairHistory;
  headSha: string;
  fingerprint: string;
  maxAttempts: number;
}): RepairDecision {
  const { commits } = input.history;
  const last = commits.at(-1);
  if (last !== undefined && last.sha === input.headSha && last.failure === input.fingerprint)
    return { kind: 'needs-human', reason: 'no-progress', attempts: commits.length, sha: last.sha };
  if (commits.length >= input.maxAttempts) return { kind: 'needs-human', reason: 'cap', attempts: commits.length };
  return { kind: 'repair', attempt: commits.length + 1 };
}
