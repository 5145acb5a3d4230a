/**
 * Everything a pull request gets once greenlight pushed `commit` as its head: the
 * `greenlight` and `risk:<tier>` labels (other risk labels removed), the review gate
 * check on the commit, review requests from the config and CODEOWNERS when the gate
 * needs approvals (never from someone whose approval would not count),
 * and auto-merge for `low` when enabled. What GitHub refuses here (a reviewer who is
 * not a collaborator, auto-merge disabled for the repository) becomes a warning: the
 * push and the pull request already happened, and the gate still holds.
 */
import type { GateState } from '../../core/gate/evaluate-gate.ts';
import { GREENLIGHT_LABEL, greenlightLabels, riskLabel } from '../../core/github/greenlight-labels.ts';
import { reviewPlan } from '../../core/publish/review-plan.ts';
import type { RiskTier } from '../../core/risk/tier.ts';
import type { Forge } from '../../ports/forge.ts';
import type { PublishContext } from './publish-context.ts';
import { postGateCheck } from './post-gate-check.ts';

export interface FinishRequest {
  prNumber: number;
  /** Labels the pull request has now. */
  labels: readonly string[];
  /** Whether it is a draft now (null: just created as the plan says). */
  draft: boolean | null;
  commit: string;
  tier: RiskTier;
  /** Who asked for the change; never asked to review, never counted by the gate. */
  requesters: readonly string[];
  /** Auto-merge is only for pull requests greenlight opened, never for someone's pull request. */
  allowAutoMerge: boolean;
}

export async function finishPullRequest(
  context: PublishContext,
  request: FinishRequest,
): Promise<{ gate: GateState; warnings: string[] }> {
  const { forge, config } = context;
  const { prNumber, tier } = request;
  const botLogin = context.botLogin ?? null;
  await applyRiskLabels(forge, prNumber, tier, request.labels);
  const { result: gate, input } = await postGateCheck(forge, {
    prNumber,
    headSha: request.commit,
    tier,
    config,
    requesters: request.requesters,
    botLogin,
    ...(context.detailsUrl === undefined ? {} : { detailsUrl: context.detailsUrl }),
  });
  const plan = reviewPlan(tier, config.review, {
    required: gate.required,
    exclude: [...request.requesters, ...input.pushers.map((p) => p.login), ...(botLogin === null ? [] : [botLogin])],
    codeOwners: config.gate.requestCodeOwners ? (input.codeOwners?.owners ?? []) : [],
  });
  const warnings: string[] = [];
  if (request.draft === false && plan.draft) {
    warnings.push(
      `The change is now \`${tier}\`, which greenlight opens as a draft, but #${prNumber} is not one; the review gate still requires ${gate.required} approval(s) on the latest commit.`,
    );
  }
  if (plan.reviewers.length > 0 || plan.teams.length > 0) {
    try {
      await forge.requestReviewers(prNumber, { reviewers: plan.reviewers, teams: plan.teams });
    } catch (error) {
      const asked = [...plan.reviewers.map((r) => `@${r}`), ...plan.teams.map((t) => `team ${t}`)].join(', ');
      warnings.push(`Could not request reviews from ${asked}: ${(error as Error).message}`);
    }
  }
  if (request.allowAutoMerge && plan.autoMerge && gate.state === 'success') {
    const merge = await forge.enableAutoMerge(prNumber, 'squash');
    if (!merge.enabled)
      warnings.push(`Auto-merge is enabled in .github/greenlight.yml but GitHub did not enable it: ${merge.reason}`);
  }
  return { gate: gate.state, warnings };
}

/**
 * Puts `greenlight` and `risk:<tier>` on a pull request, creating the labels when the
 * repository lacks them, and takes off any other `risk:` label so that a re-run or a
 * `/fix` whose tier changed (up or down) shows only the current one.
 */
async function applyRiskLabels(
  forge: Forge,
  prNumber: number,
  tier: RiskTier,
  currentLabels: readonly string[],
): Promise<void> {
  await forge.ensureLabels(greenlightLabels());
  const wanted = riskLabel(tier);
  for (const label of currentLabels) {
    if (/^risk:/i.test(label) && label.toLowerCase() !== wanted) await forge.removeLabel(prNumber, label);
  }
  await forge.addLabels(prNumber, [GREENLIGHT_LABEL, wanted]);
}
