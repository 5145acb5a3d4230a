/**
 * Whom to ask to review a pull request whose gate needs approvals: the tier's
 * `review.<tier>.reviewers` and `teams`, and (with `gate.requestCodeOwners`) the code
 * owners of the changed files from CODEOWNERS on the default branch. Never anyone
 * whose approval would not count (requesters, pushers, bots) nor the author (GitHub
 * refuses), and never again someone who is already asked or already reviewed the
 * current head.
 */
import type { PullRequestInfo } from '../../ports/forge.ts';
import type { GateConfig } from '../config/repo-config.ts';
import type { GateInput, GateResult } from './evaluate-gate.ts';

export interface ReviewRequestInput {
  /** Configured users (`@alice` or `alice`). */
  reviewers: readonly string[];
  /** Configured teams (`@acme/backend`, `acme/backend` or `backend`). */
  teams: readonly string[];
  /** CODEOWNERS owners of the changed files (`@user`, `@org/team`; e-mail owners cannot be asked). */
  codeOwners: readonly string[];
  /** Logins never asked. */
  exclude: readonly string[];
  /** Already asked and not yet reviewed. */
  requested?: { reviewers: readonly string[]; teams: readonly string[] };
  /** Logins with a review on the current head. */
  reviewedHead?: readonly string[];
}

export interface ReviewRequest {
  reviewers: string[];
  /** Team slugs, without the organization. */
  teams: string[];
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (value === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * @example reviewRequests({ reviewers: ['@bob'], teams: [], codeOwners: ['@carol', '@acme/db'], exclude: ['bob'] })
 * // { reviewers: ['carol'], teams: ['db'] }
 */
export function reviewRequests(input: ReviewRequestInput): ReviewRequest {
  const skip = new Set(
    [...input.exclude, ...(input.requested?.reviewers ?? []), ...(input.reviewedHead ?? [])].map((l) =>
      l.toLowerCase(),
    ),
  );
  const skipTeams = new Set((input.requested?.teams ?? []).map((t) => t.toLowerCase()));
  const owners = input.codeOwners.filter((owner) => owner.startsWith('@'));
  const users = [...input.reviewers, ...owners.filter((o) => !o.includes('/'))].map((r) => r.replace(/^@/, ''));
  // `@acme/backend` and `acme/backend` name the team `backend`; the API wants the slug.
  const teams = [...input.teams, ...owners.filter((o) => o.includes('/'))].map(
    (t) => t.replace(/^@/, '').split('/').pop() ?? '',
  );
  return {
    reviewers: unique(users).filter((login) => !skip.has(login.toLowerCase()) && !login.endsWith('[bot]')),
    teams: unique(teams).filter((slug) => !skipTeams.has(slug.toLowerCase())),
  };
}

/**
 * Whom the review gate asks after evaluating `input` for `pr`: nobody unless it is
 * waiting for approvals; otherwise the tier's reviewers and, with
 * `gate.requestCodeOwners`, the code owners, minus everyone whose approval would not
 * count, who is already asked, or who already reviewed this head.
 */
export function gateReviewRequests(
  input: GateInput,
  result: GateResult,
  pr: PullRequestInfo,
  gate: GateConfig,
): ReviewRequest {
  if (result.state !== 'pending' || result.required === 0) return { reviewers: [], teams: [] };
  return reviewRequests({
    reviewers: input.review.reviewers,
    teams: input.review.teams,
    codeOwners: gate.requestCodeOwners ? (input.codeOwners?.owners ?? []) : [],
    exclude: [
      ...input.requesters,
      ...input.pushers.map((p) => p.login),
      pr.author.login,
      ...(input.botLogin === null ? [] : [input.botLogin]),
    ],
    requested: { reviewers: pr.requestedReviewers ?? [], teams: pr.requestedTeams ?? [] },
    reviewedHead: input.reviews.filter((r) => r.commitId === input.headSha).map((r) => r.user.login),
  });
}
