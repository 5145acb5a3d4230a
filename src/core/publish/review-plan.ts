/**
 * What a pull request of a tier gets from the config (`review.<tier>`): draft or not,
 * whom to ask for review, and whether to enable auto-merge. Reviews are requested only
 * when the gate needs approvals (`required` from `evaluateGate`, which includes a
 * spot check); auto-merge only for `low`, when enabled, and when no approval is needed.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import { reviewRequests } from '../gate/review-requests.ts';
import type { RiskTier } from '../risk/tier.ts';

export interface ReviewPlan {
  draft: boolean;
  reviewers: string[];
  /** Team slugs, without the organization. */
  teams: string[];
  autoMerge: boolean;
}

export interface ReviewPlanOptions {
  /** Approvals the gate requires for this pull request. */
  required: number;
  /** Logins never asked (the requester, whose approval does not count; pushers; the bot). */
  exclude: readonly string[];
  /** CODEOWNERS owners of the changed files to ask as well (`gate.requestCodeOwners`). */
  codeOwners?: readonly string[];
}

/**
 * @example reviewPlan('high', config.review, { required: 2, exclude: ['alice'] })
 * // { draft: true, reviewers: [...review.high.reviewers without alice], teams: [...], autoMerge: false }
 */
export function reviewPlan(tier: RiskTier, review: RepoConfig['review'], options: ReviewPlanOptions): ReviewPlan {
  const settings = review[tier];
  const asks = options.required > 0;
  const people = asks
    ? reviewRequests({
        reviewers: settings.reviewers,
        teams: settings.teams,
        codeOwners: options.codeOwners ?? [],
        exclude: options.exclude,
      })
    : { reviewers: [], teams: [] };
  return {
    draft: settings.draft,
    ...people,
    autoMerge: tier === 'low' && settings.autoMerge && options.required === 0,
  };
}
