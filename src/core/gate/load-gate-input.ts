/**
 * Gathers what `evaluateGate` needs from the forge, the same way for the Action's gate
 * mode, the publish step and the App: the pull request's CURRENT head (never the
 * event's), every review, the permission of each human reviewer, who pushed to its
 * branch (`gate.excludePushers`, docs/security.md §34), and the owners of the changed
 * files according to CODEOWNERS on the DEFAULT branch (a pull request cannot appoint
 * its own owners, docs/security.md §5) when the tier requires a code owner or
 * `gate.requestCodeOwners` asks them to review.
 *
 * The tier and the requesters are inputs: they must come from somewhere the pull
 * request's author cannot edit (greenlight's own classification of the diff, the
 * check run's `externalId`), never from labels or the PR body.
 */
import type { Forge, PullRequestInfo } from '../../ports/forge.ts';
import type { GateConfig, TierReview } from '../config/repo-config.ts';
import type { RiskTier } from '../risk/tier.ts';
import type { GateInput } from './evaluate-gate.ts';
import { findPushers } from './find-pushers.ts';
import { ownersOf } from './owners-of.ts';
import { CODEOWNERS_PATHS, parseCodeowners } from './parse-codeowners.ts';

export interface LoadGateInputRequest {
  pr: number;
  tier: RiskTier;
  review: TierReview;
  /** `gate` from the config. */
  gate: GateConfig;
  /** greenlight's commit identity (`commit.authorName` / `commit.authorEmail`): its own commits are nobody's push. */
  identity: { name: string; email: string };
  requesters: readonly string[];
  /** Humans greenlight saw push to the branch (the gate memo, and this event's sender). */
  seenPushers?: readonly string[];
  botLogin: string | null;
}

/** What the gate read besides GateInput, for asking people to review (`reviewRequests`). */
export interface GateContext {
  input: GateInput;
  pullRequest: PullRequestInfo;
}

async function codeOwnersFor(forge: Forge, pr: number): Promise<GateInput['codeOwners']> {
  for (const path of CODEOWNERS_PATHS) {
    const file = await forge.getFileOnDefaultBranch(path);
    if (file === null) continue;
    const files = await forge.listPullRequestFiles(pr);
    // A rename moves ownership questions to both places.
    const paths = files.flatMap((f) => (f.previousPath === undefined ? [f.path] : [f.path, f.previousPath]));
    return { owners: ownersOf(parseCodeowners(file.content), paths).owners };
  }
  return null;
}

/** Reads the gate's input, and the pull request it was read from. */
export async function loadGateContext(forge: Forge, request: LoadGateInputRequest): Promise<GateContext> {
  const pr = await forge.getPullRequest(request.pr);
  const reviews = await forge.listReviews(request.pr);
  const humans = new Map<string, string>();
  for (const review of reviews) {
    if (!review.user.isBot && !review.user.login.endsWith('[bot]'))
      humans.set(review.user.login.toLowerCase(), review.user.login);
  }
  const permissions: GateInput['permissions'] = Object.fromEntries(
    await Promise.all([...humans.values()].map(async (login) => [login, await forge.getPermission(login)] as const)),
  );
  const pushers = request.gate.excludePushers
    ? findPushers({
        commits: await forge.listPullRequestCommits(request.pr),
        seen: request.seenPushers ?? [],
        identity: request.identity,
        botLogin: request.botLogin,
      })
    : [];
  const wantsOwners = request.review.requireCodeOwner || request.gate.requestCodeOwners;
  const input: GateInput = {
    tier: request.tier,
    review: request.review,
    headSha: pr.headSha,
    requesters: request.requesters,
    pushers,
    reviews,
    permissions,
    codeOwners: wantsOwners ? await codeOwnersFor(forge, request.pr) : null,
    pullRequest: { repo: `${forge.repo.owner}/${forge.repo.repo}`, number: request.pr },
    botLogin: request.botLogin,
  };
  return { input, pullRequest: pr };
}

export async function loadGateInput(forge: Forge, request: LoadGateInputRequest): Promise<GateInput> {
  return (await loadGateContext(forge, request)).input;
}
