/**
 * Gathers what `evaluateGate` needs from the forge, the same way for the Action's gate
 * mode and the App: the pull request's CURRENT head (never the event's), every review,
 * the permission of each human reviewer, and — only for tiers that require a code
 * owner — the owners of the changed files according to CODEOWNERS on the DEFAULT
 * branch (a pull request cannot appoint its own owners, docs/security.md §5).
 *
 * The tier and the requesters are inputs: they must come from somewhere the pull
 * request's author cannot edit (greenlight's own classification of the diff, the
 * check run's `externalId`), never from labels or the PR body.
 */
import type { Forge } from '../../ports/forge.ts';
import type { TierReview } from '../config/repo-config.ts';
import type { RiskTier } from '../risk/tier.ts';
import type { GateInput } from './evaluate-gate.ts';
import { ownersOf } from './owners-of.ts';
import { CODEOWNERS_PATHS, parseCodeowners } from './parse-codeowners.ts';

export interface LoadGateInputRequest {
  pr: number;
  tier: RiskTier;
  review: TierReview;
  requesters: readonly string[];
  botLogin: string | null;
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

export async function loadGateInput(forge: Forge, request: LoadGateInputRequest): Promise<GateInput> {
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
  return {
    tier: request.tier,
    review: request.review,
    headSha: pr.headSha,
    requesters: request.requesters,
    reviews,
    permissions,
    codeOwners: request.review.requireCodeOwner ? await codeOwnersFor(forge, request.pr) : null,
    pullRequest: { repo: `${forge.repo.owner}/${forge.repo.repo}`, number: request.pr },
    botLogin: request.botLogin,
  };
}
