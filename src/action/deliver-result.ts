/**
 * What becomes of the engine's result: published by this job (a pull request opened,
 * a commit pushed to the pull request, or the work so far on a branch), or written to a
 * change bundle that the publish job of the two-job workflow validates and pushes.
 */
import { resolve } from 'node:path';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { FixRoute, GenerateRoute } from '../core/github/route-event.ts';
import type { JobResult } from '../core/job.ts';
import type { ActionOutcome } from './action-outcome.ts';
import type { ActionContext } from './action-context.ts';
import { loopShortfall, outcomeOfPublish } from './outcome-of-publish.ts';
import type { Target } from './read-target.ts';
import { auditContentRefusal, jobSecrets } from './publish-secrets.ts';
import { recordCommit } from './record-commit.ts';
import { requesterOf } from './requester-of.ts';

/** Publishes the job's result, or writes it to a change bundle for the publish job. */
export async function deliverResult(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  target: Target,
  config: RepoConfig,
  job: JobResult,
  baseSha: string,
): Promise<ActionOutcome> {
  const requester = requesterOf(route.requester, ctx.payload);
  const root = ctx.runtime.workspace;
  const bundlePath = ctx.inputs.bundlePath;
  if (bundlePath !== null) {
    const shortfall = loopShortfall(job.outcome);
    if (job.outcome.kind === 'refused')
      return {
        kind: 'gave-up',
        reason: shortfall ?? '',
        branch: null,
        pr: null,
        riskTier: job.risk.tier,
        costUsd: job.costUsd,
      };
    const written = await ctx.services.writeChangeBundle({
      path: resolve(root, bundlePath),
      root,
      job,
      requester,
      baseSha,
      limits: config.publish,
      secrets: jobSecrets(ctx),
      target:
        target.kind === 'issue'
          ? { kind: 'issue', number: target.issue.number, title: target.issue.title }
          : { kind: 'pull-request', number: target.pr.number, headRef: target.pr.headRef, headSha: target.pr.headSha },
      evidence: await ctx.readEvidence(),
    });
    if (written.kind === 'refused') {
      auditContentRefusal(ctx.audit, written);
      return { kind: 'failed', what: 'writing the change bundle', why: written.message };
    }
    ctx.log(`greenlight: wrote the change bundle ${written.path}`);
    return {
      kind: 'bundled',
      bundlePath: written.path,
      verified: shortfall === null,
      riskTier: job.risk.tier,
      costUsd: job.costUsd,
    };
  }
  const common = {
    root,
    forge: ctx.forge,
    config,
    job,
    requester,
    auth: ctx.auth,
    dryRun: ctx.inputs.dryRun,
    baseSha,
    botLogin: ctx.botLogin,
    detailsUrl: ctx.runUrl,
    runId: ctx.runtime.runId,
    secrets: jobSecrets(ctx),
    evidence: recordCommit(ctx),
  };
  const result =
    target.kind === 'issue'
      ? await ctx.services.publishGenerate({
          ...common,
          issue: { number: target.issue.number, title: target.issue.title },
          baseBranch: await ctx.forge.getDefaultBranch(),
        })
      : await ctx.services.publishFix({
          ...common,
          pr: target.pr,
          instruction: route.kind === 'fix' ? route.instruction : '',
          ...(route.kind === 'fix' && route.reviewId !== null
            ? { origin: { kind: 'review' as const, reviewId: route.reviewId } }
            : {}),
        });
  auditContentRefusal(ctx.audit, result);
  ctx.audit.write({
    kind: 'note',
    message: 'published',
    data:
      result.kind === 'refused'
        ? result
        : { kind: result.kind, branch: result.branch, commitSha: result.commitSha, tier: result.risk.tier },
  });
  return outcomeOfPublish({ shortfall: loopShortfall(job.outcome), costUsd: job.costUsd }, result);
}

/** The publish step's line in the progress checklist. */
export function publishDetail(outcome: ActionOutcome): string | undefined {
  switch (outcome.kind) {
    case 'opened':
    case 'updated':
      return `#${outcome.pr.number}`;
    case 'gave-up':
      return outcome.branch === null ? 'nothing to push' : `work so far on \`${outcome.branch}\``;
    case 'bundled':
      return 'change bundle written';
    case 'dry-run':
      return 'dry run: nothing pushed';
    default:
      return undefined;
  }
}
