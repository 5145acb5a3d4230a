/**
 * `gate` mode: recomputes the `greenlight/review-gate` check on a pull request's
 * CURRENT head after a review or a push (docs/security.md §21). The tier is greenlight's
 * own classification of the pull request's diff (never its labels or body); the
 * requesters come from the memo only greenlight's token writes (the check run's
 * `externalId`) on this head or, after a push, on the previous one. No repository
 * code runs and no model is called.
 */
import { findGateMemo, gateCheckFields, invalidConfigCheckFields } from './gate-check-fields.ts';
import { evaluateGate } from '../core/gate/evaluate-gate.ts';
import { GATE_CHECK_NAME } from '../core/gate/gate-check-run.ts';
import { loadGateContext } from '../core/gate/load-gate-input.ts';
import { gateReviewRequests, type ReviewRequest } from '../core/gate/review-requests.ts';
import { greenlightLabels, riskLabel } from '../core/github/greenlight-labels.ts';
import type { GateRoute } from '../core/github/route-event.ts';
import type { RiskAssessment } from '../core/risk/assessment.ts';
import type { RiskTier } from '../core/risk/tier.ts';
import type { CheckRunFields, PullRequestInfo } from '../ports/forge.ts';
import type { ActionContext, FlowResult } from './action-context.ts';
import { describeError } from './describe-error.ts';
import type { LoadedConfig } from './load-run-config.ts';

/** Who pushed, from a `pull_request.synchronize` payload: a human's login, else null. */
function pushSender(payload: unknown): string | null {
  const sender = (payload as { sender?: { login?: unknown; type?: unknown } } | null)?.sender;
  if (typeof sender?.login !== 'string' || sender.type === 'Bot' || sender.login.endsWith('[bot]')) return null;
  return sender.login;
}

/** The head before a push, from a `pull_request.synchronize` payload. */
function previousHead(payload: unknown): string | null {
  const before = (payload as { before?: unknown } | null)?.before;
  return typeof before === 'string' && /^[0-9a-f]{40}$/.test(before) && !/^0+$/.test(before) ? before : null;
}

export async function runGate(ctx: ActionContext, route: GateRoute, loaded: LoadedConfig): Promise<FlowResult> {
  const { forge } = ctx;
  const pr = await forge.getPullRequest(route.pr);
  if (pr.state !== 'open')
    return { outcome: { kind: 'skipped', reason: `pull request #${pr.number} is closed` }, report: null, review: null };
  const detailsUrl = ctx.runUrl ?? undefined;

  if (!loaded.ok) {
    const fields = invalidConfigCheckFields({
      configPath: ctx.inputs.configPath,
      defaultBranch: loaded.defaultBranch,
      errors: loaded.errors,
      ...(detailsUrl === undefined ? {} : { detailsUrl }),
    });
    await writeCheck(ctx, pr.headSha, fields);
    return {
      outcome: {
        kind: 'failed',
        what: 'reading the configuration',
        why: `${ctx.inputs.configPath} on ${loaded.defaultBranch} is invalid`,
      },
      report: null,
      review: null,
    };
  }
  const config = loaded.config;

  const notes: string[] = [];
  let assessment: RiskAssessment;
  try {
    assessment = await ctx.services.classifyPullRequest(
      ctx.runtime.workspace,
      {
        baseRef: pr.baseRef,
        baseSha: pr.baseSha,
        headRef: pr.headRef,
        headSha: pr.headSha,
      },
      config.risk,
      ctx.auth,
    );
  } catch (error) {
    // Unclassifiable fails closed to the highest tier (README.md "Risk tiers").
    notes.push(
      `greenlight could not classify the diff (${describeError(error)}), so it treats the change as \`critical\`.`,
    );
    assessment = { tier: 'critical', files: [], overridesApplied: [] };
  }
  const tier = assessment.tier;

  // The memo of this head, else of the head before the push, else of the dispatched head.
  const heads = [pr.headSha, ...(route.source === 'push' ? [previousHead(ctx.payload)] : []), route.headSha].filter(
    (sha, i, all): sha is string => sha !== null && all.indexOf(sha) === i,
  );
  let memo = null;
  for (const sha of heads) {
    memo = findGateMemo(await forge.listCheckRuns(sha, GATE_CHECK_NAME));
    if (memo !== null) break;
  }
  // A human author of the pull request never approves their own change either.
  const requesters = memo === null ? null : [...memo.requesters, ...(pr.author.isBot ? [] : [pr.author.login])];
  // The API does not say who pushed: remember the pushes this workflow sees (docs/security.md §34).
  const sender = route.source === 'push' ? pushSender(ctx.payload) : null;
  const seenPushers = [...(memo?.pushers ?? []), ...(sender === null ? [] : [sender])];

  const { input, pullRequest } = await loadGateContext(forge, {
    pr: pr.number,
    tier,
    review: config.review[tier],
    gate: config.gate,
    identity: { name: config.commit.authorName, email: config.commit.authorEmail },
    requesters: requesters ?? [],
    seenPushers,
    botLogin: ctx.botLogin,
  });
  const result = evaluateGate(input);
  const fields = gateCheckFields({
    result,
    tier,
    requesters,
    pushers: seenPushers,
    notes,
    ...(detailsUrl === undefined ? {} : { detailsUrl }),
  });
  await writeCheck(ctx, input.headSha, fields);
  if (fields.conclusion !== 'failure') {
    await askReviewers(ctx, pr.number, gateReviewRequests(input, result, pullRequest, config.gate));
  }
  await syncRiskLabel(ctx, pr, tier);
  ctx.audit.write({
    kind: 'note',
    message: 'review gate',
    data: { pr: pr.number, head: input.headSha, tier, requesters, state: result.state, title: fields.title },
  });
  ctx.log(`greenlight: review gate on #${pr.number} (${input.headSha.slice(0, 7)}, ${tier}): ${fields.title}`);
  const state = fields.conclusion === 'failure' ? 'failure' : result.state;
  return {
    outcome: { kind: 'gated', pr: { number: pr.number, url: pr.htmlUrl }, riskTier: tier, state, title: fields.title },
    report: fields.summary,
    review: config.review[tier],
  };
}

/**
 * Asks for the reviews the gate is waiting for (`gateReviewRequests`). GitHub refusing
 * one (not a collaborator) is logged, not fatal: the check is written and still holds.
 */
async function askReviewers(ctx: ActionContext, pr: number, ask: ReviewRequest): Promise<void> {
  if (ask.reviewers.length === 0 && ask.teams.length === 0) return;
  const who = [...ask.reviewers.map((r) => `@${r}`), ...ask.teams.map((t) => `team ${t}`)].join(', ');
  try {
    await ctx.forge.requestReviewers(pr, ask);
    ctx.log(`greenlight: asked ${who} to review #${pr}`);
  } catch (error) {
    ctx.log(`greenlight: could not ask ${who} to review #${pr}: ${describeError(error)}`);
  }
}

/** Updates the newest gate check on `sha`, or creates one. */
async function writeCheck(ctx: ActionContext, sha: string, fields: CheckRunFields): Promise<void> {
  const [existing] = await ctx.forge.listCheckRuns(sha, GATE_CHECK_NAME);
  if (existing === undefined) await ctx.forge.createCheckRun({ name: GATE_CHECK_NAME, headSha: sha, ...fields });
  else await ctx.forge.updateCheckRun(existing.id, fields);
}

/** Keeps exactly one `risk:<tier>` label, the classified one: a push can raise the tier. */
async function syncRiskLabel(ctx: ActionContext, pr: PullRequestInfo, tier: RiskTier): Promise<void> {
  const wanted = riskLabel(tier);
  const stale = pr.labels.filter((l) => l.toLowerCase().startsWith('risk:') && l.toLowerCase() !== wanted);
  const has = pr.labels.some((l) => l.toLowerCase() === wanted);
  if (has && stale.length === 0) return;
  if (!has) {
    await ctx.forge.ensureLabels(greenlightLabels());
    await ctx.forge.addLabels(pr.number, [wanted]);
  }
  for (const label of stale) await ctx.forge.removeLabel(pr.number, label);
}
