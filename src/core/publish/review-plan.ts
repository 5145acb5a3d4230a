/**
 * What a pull request of a tier gets from the config (`review.<tier>`): draft or not,
 * whom to ask for review, and whether to enable auto-merge. Reviews are requested only
 * when the gate needs approvals (`required` from `evaluateGate`, which includes a
 * spot check); auto-merge only for `low`, when enabled, and when no approval is needed.
 */
import type { RepoConfig } from '../config/repo-config.ts';
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
  /** Logins never asked (the requester, whose approval does not count; the bot). */
  exclude: readonly string[];
}

/**
 * @example reviewPlan('high', config.review, { required: 2, exclude: ['alice'] })
 * // { draft: true, reviewers: [...review.high.reviewers without alice], teams: [...], autoMerge: false }
 */
export function reviewPlan(tier: RiskTier, review: RepoConfig['review'], options: ReviewPlanOptions): ReviewPlan {
  const settings = review[tier];
  const excluded = new Set(options.exclude.map((login) => login.toLowerCase()));
  const asks = options.required > 0;
  const reviewers = asks
    ? unique(
        settings.reviewers.map((r) => r.replace(/^@/, '')).filter((r) => r !== '' && !excluded.has(r.toLowerCase())),
      )
    : [];
  // `@acme/backend` and `acme/backend` name the team `backend`; the API wants the slug.
  const teams = asks
    ? unique(settings.teams.map((t) => t.replace(/^@/, '').split('/').pop() ?? '').filter((t) => t !== ''))
    : [];
  return {
    draft: settings.draft,
    reviewers,
    teams,
    autoMerge: tier === 'low' && settings.autoMerge && options.required === 0,
  };
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
