/**
 * The `greenlight/review-gate` decision (README.md "The review gate", docs/security.md §21).
 *
 * An approval counts only when it is the reviewer's standing review (`latestReviews`),
 * it was given on the current head SHA, and the reviewer is a human with write access
 * who did not request the change and did not push to its branch (docs/security.md §34). A standing "changes requested" from a human with
 * write access holds the gate. `low-medium`'s spot check needs one approval on a
 * deterministic share of pull requests; `requireCodeOwner` needs one counted approval
 * from a code owner of a changed file and fails closed when the files have none.
 */
import type { CollaboratorPermission, ReviewInfo } from '../../ports/forge.ts';
import type { TierReview } from '../config/repo-config.ts';
import type { RiskTier } from '../risk/tier.ts';
import { hasWriteAccess } from '../github/has-write-access.ts';
import type { Pusher } from './find-pushers.ts';
import { isSpotChecked } from './is-spot-checked.ts';
import { latestReviews } from './latest-reviews.ts';
import { renderGateSummary, type GateFacts } from './render-gate-summary.ts';

export interface GateInput {
  tier: RiskTier;
  /** `RepoConfig.review[tier]`. */
  review: TierReview;
  /** The pull request's current head. */
  headSha: string;
  /** Who asked for the change (labeler, `/fix` commenters, a human PR author): never counted. */
  requesters: readonly string[];
  /** Who pushed to the head branch (`findPushers`), when `gate.excludePushers` is on: never counted. */
  pushers: readonly Pusher[];
  reviews: readonly ReviewInfo[];
  /** Collaborator permission of reviewers, by login (any case). A missing login does not count. */
  permissions: Readonly<Record<string, CollaboratorPermission>>;
  /**
   * Code owners of the changed files (`ownersOf`), needed when `requireCodeOwner` is on.
   * `teamMembers` resolves `@org/team` owners to logins where the caller could.
   */
  codeOwners?: { owners: readonly string[]; teamMembers?: Readonly<Record<string, readonly string[]>> } | null;
  /** `owner/name` and number, for the deterministic spot check. */
  pullRequest: { repo: string; number: number };
  botLogin: string | null;
}

export type GateState = 'success' | 'pending' | 'failure';

export interface GateResult {
  /** success: mergeable; pending: waiting for reviews; failure: cannot pass without a config change. */
  state: GateState;
  title: string;
  /** Markdown: what counts, what does not and why, what is missing. */
  summary: string;
  required: number;
  approvedBy: string[];
  spotChecked: boolean;
}

/** How one reviewer's standing review was judged. */
export interface ReviewVerdict {
  login: string;
  review: ReviewInfo;
  /** A counted approval. */
  counts: boolean;
  /** A standing "changes requested" from a human with write access. */
  blocks: boolean;
  note: string;
}

const short = (sha: string | null) => (sha ?? 'unknown').slice(0, 7);
const lower = (s: string) => s.toLowerCase();

type Disqualification = { why: 'bot' | 'requester' | 'pusher' | 'permission'; text: string };

function disqualification(
  input: GateInput,
  review: ReviewInfo,
  permissions: Map<string, CollaboratorPermission>,
): Disqualification | null {
  const login = lower(review.user.login);
  if (review.user.isBot || login.endsWith('[bot]') || (input.botLogin !== null && login === lower(input.botLogin))) {
    return { why: 'bot', text: 'bot' };
  }
  if (input.requesters.some((r) => lower(r) === login)) return { why: 'requester', text: 'requested this change' };
  const pusher = input.pushers.find((p) => lower(p.login) === login);
  if (pusher !== undefined) return { why: 'pusher', text: pusher.why };
  const permission = permissions.get(login);
  if (permission === undefined) return { why: 'permission', text: 'permission unknown' };
  if (!hasWriteAccess(permission)) return { why: 'permission', text: `no write access (${permission.roleName})` };
  return null;
}

function judge(input: GateInput, review: ReviewInfo, permissions: Map<string, CollaboratorPermission>): ReviewVerdict {
  const base = { login: review.user.login, review, counts: false, blocks: false };
  const out = disqualification(input, review, permissions);
  if (review.state === 'DISMISSED') return { ...base, note: 'review dismissed' };
  if (review.state === 'CHANGES_REQUESTED') {
    // A human who asked for the change, or pushed to it, and now asks for changes holds the gate too.
    const blocks = out === null || out.why === 'requester' || out.why === 'pusher';
    return { ...base, blocks, note: blocks ? 'requested changes' : `requested changes, but ${out?.text ?? ''}` };
  }
  if (out !== null) return { ...base, note: out.text };
  if (review.commitId !== input.headSha) {
    return { ...base, note: `approved an older commit (\`${short(review.commitId)}\`); needs a new approval` };
  }
  return { ...base, counts: true, note: 'counts' };
}

function isCodeOwner(login: string, codeOwners: NonNullable<GateInput['codeOwners']>): boolean {
  return codeOwners.owners.some((owner) => {
    if (!owner.startsWith('@')) return false;
    if (!owner.includes('/')) return lower(owner.slice(1)) === lower(login);
    const members =
      Object.entries(codeOwners.teamMembers ?? {}).find(([team]) => lower(team) === lower(owner))?.[1] ?? [];
    return members.some((member) => lower(member) === lower(login));
  });
}

/** Decides the review gate for one pull request head. */
export function evaluateGate(input: GateInput): GateResult {
  const permissions = new Map(Object.entries(input.permissions).map(([login, p]) => [lower(login), p]));
  const { review, tier } = input;
  const spotChecked =
    review.approvals === 0 && isSpotChecked(input.pullRequest.repo, input.pullRequest.number, review.spotCheckPercent);
  const required = Math.max(review.approvals, spotChecked || review.requireCodeOwner ? 1 : 0);

  const verdicts = latestReviews(input.reviews).map((r) => judge(input, r, permissions));
  const approvedBy = verdicts.filter((v) => v.counts).map((v) => v.login);
  const blockers = verdicts.filter((v) => v.blocks).map((v) => v.login);
  const missing = Math.max(0, required - approvedBy.length);

  const owners = input.codeOwners ?? null;
  const codeOwner: GateFacts['codeOwner'] = !review.requireCodeOwner
    ? 'not-required'
    : owners === null || owners.owners.length === 0
      ? 'none-defined'
      : approvedBy.some((login) => isCodeOwner(login, owners))
        ? 'approved'
        : 'missing';

  let state: GateState;
  let title: string;
  if (codeOwner === 'none-defined') {
    state = 'failure';
    title = 'No code owner for the changed files';
  } else if (blockers.length > 0) {
    state = 'pending';
    title = `Changes requested by ${blockers.map((b) => `@${b}`).join(', ')}`;
  } else if (missing > 0) {
    state = 'pending';
    title = `Waiting for ${missing} more approval${missing === 1 ? '' : 's'} (${approvedBy.length} of ${required})`;
  } else if (codeOwner === 'missing') {
    state = 'pending';
    title = "Waiting for a code owner's approval";
  } else {
    state = 'success';
    title = required === 0 ? `No approval required for ${tier} risk` : `Approved (${approvedBy.length} of ${required})`;
  }
  const summary = renderGateSummary({
    tier,
    required,
    missing,
    spotChecked,
    spotCheckPercent: review.spotCheckPercent,
    headSha: input.headSha,
    requesters: input.requesters,
    pushers: input.pushers,
    verdicts,
    blockers,
    codeOwner,
    owners: owners?.owners ?? [],
  });
  return { state, title, summary, required, approvedBy, spotChecked };
}
