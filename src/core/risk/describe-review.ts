/**
 * Words for what a tier means: the validation the bot performs (README.md "Risk tiers")
 * and the review the repository's config requires before merge.
 */
import type { TierReview } from '../config/repo-config.ts';
import type { RiskTier } from './tier.ts';

/** What the bot does to validate a change of each tier. */
export const TIER_VALIDATION: Readonly<Record<RiskTier, string>> = {
  low: 'runs the tests; generated tests must pass reliably',
  'low-medium': 'runs the tests, plus a run on sample data compared with expected output',
  medium: 'generates tests alongside; queries run read-only',
  high: 'plan / dry-run commands only; nothing is applied',
  critical: 'never executed by the bot',
};

/**
 * The review a tier needs under `review`, as one sentence.
 * @example describeReview('medium', { approvals: 1, … }) // '1 approval on the latest commit …'
 */
export function describeReview(tier: RiskTier, review: TierReview): string {
  const parts: string[] = [];
  if (review.approvals === 0) {
    parts.push(
      review.spotCheckPercent > 0
        ? `no approval required, except spot checks: ${review.spotCheckPercent}% of pull requests need 1 approval`
        : 'no approval required',
    );
  } else {
    const count = review.approvals === 1 ? '1 approval' : `${review.approvals} approvals`;
    parts.push(
      `${count} on the latest commit from people with write access other than the requester${review.requireCodeOwner ? ', including a code owner' : ''}`,
    );
  }
  if (review.draft) parts.push('opened as a draft');
  if (review.autoMerge && tier === 'low') parts.push('auto-merge enabled');
  const asked = [
    ...review.reviewers.map((user) => `@${user.replace(/^@/, '')}`),
    ...review.teams.map((team) => `team ${team}`),
  ];
  if (asked.length > 0) parts.push(`review requested from ${asked.join(', ')}`);
  return parts.join('; ');
}
