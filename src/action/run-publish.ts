/**
 * `mode: publish`, the second job of the least-privilege workflow: it holds the write
 * token but no model key, runs no repository code, and publishes a change bundle only
 * after re-validating it itself (the publisher: the bundle is about this run's issue or
 * pull request, applies to the recorded base, path rules, size limits, its own risk
 * classification — docs/security.md §20). The requester comes from this run's event and is
 * authorized again here; the result goes into the progress comment the generate job
 * of the same run started.
 */
import { auditContentRefusal, jobSecrets } from './publish-secrets.ts';
import { resolve } from 'node:path';
import { outcomeOfBundle } from './outcome-of-publish.ts';
import { describeOutcome } from './describe-outcome.ts';
import { isProgressComment, renderPublishNote } from './comments/render-progress-comment.ts';
import { recordCommit } from './record-commit.ts';
import { requesterOf } from './requester-of.ts';
import { authorize } from '../core/github/authorize.ts';
import { routeEvent } from '../core/github/route-event.ts';
import type { ActionContext, FlowResult } from './action-context.ts';
import { describeError } from './describe-error.ts';
import type { LoadedConfig } from './load-run-config.ts';
import type { PublishBundleRequest, PublishedBundle } from '../compose/action-services.ts';

const refused = (reason: string): FlowResult => ({ outcome: { kind: 'refused', reason }, report: null, review: null });

export async function runPublish(ctx: ActionContext, loaded: LoadedConfig, bundlePath: string): Promise<FlowResult> {
  if (!loaded.ok) {
    const first = loaded.errors[0];
    return {
      outcome: {
        kind: 'failed',
        what: 'reading the configuration',
        why: `${ctx.inputs.configPath} on ${loaded.defaultBranch} is invalid${first === undefined ? '' : ` (line ${first.line}: ${first.message})`}; the publish step takes its path and risk rules from it.`,
      },
      report: null,
      review: null,
    };
  }
  const { config } = loaded;
  const { forge } = ctx;
  // The requester comes from this run's event, never from the bundle, and is checked
  // again here: this job holds the write token.
  const route = routeEvent(ctx.runtime.eventName, ctx.payload, config, { botLogin: ctx.botLogin, modeInput: 'auto' });
  if (route.kind !== 'generate' && route.kind !== 'fix') {
    return refused(
      `the ${ctx.runtime.eventName} event of this run does not request a change (${route.kind === 'ignore' ? route.reason : 'a review-gate event'}), so no bundle is published`,
    );
  }
  const permission = route.requester.isBot ? null : await forge.getPermission(route.requester.login);
  const decision = authorize({
    actor: route.requester,
    permission,
    botLogin: ctx.botLogin,
    allowedBots: config.trigger.allowedBots,
  });
  if (!decision.allowed) return refused(decision.reason);

  const number = route.kind === 'generate' ? route.issue : route.pr;
  let expected: PublishBundleRequest['expected'];
  if (route.kind === 'generate') {
    const issue = await forge.getIssue(route.issue);
    expected = { kind: 'issue', issue: { number: issue.number, title: issue.title }, baseBranch: loaded.defaultBranch };
  } else {
    const pr = await forge.getPullRequest(route.pr);
    // The head the generate job worked on: recorded by the App's dispatch, else the PR's
    // head now — a bundle made on another head is rejected by the publisher.
    expected = {
      kind: 'pr',
      pr: route.headSha === null ? pr : { ...pr, headSha: route.headSha },
      instruction: route.instruction,
    };
  }

  let published: PublishedBundle;
  try {
    published = await ctx.services.publishBundle({
      path: resolve(ctx.runtime.workspace, bundlePath),
      expected,
      root: ctx.runtime.workspace,
      forge,
      config,
      auth: ctx.auth,
      dryRun: ctx.inputs.dryRun,
      requester: requesterOf(route.requester, ctx.payload),
      botLogin: ctx.botLogin,
      detailsUrl: ctx.runUrl,
      runId: ctx.runtime.runId,
      secrets: jobSecrets(ctx),
      evidence: recordCommit(ctx),
    });
  } catch (error) {
    const why = describeError(error);
    await tell(
      ctx,
      number,
      renderPublishNote({
        kind: 'finished',
        result: 'failure',
        text: `**Stopped while publishing the change bundle.** ${why}`,
      }),
    );
    return { outcome: { kind: 'failed', what: 'publishing the change bundle', why }, report: null, review: null };
  }
  auditContentRefusal(ctx.audit, published.result);
  const outcome = outcomeOfBundle(published);
  const review = 'riskTier' in outcome ? config.review[outcome.riskTier] : null;
  ctx.audit.write({ kind: 'note', message: 'published bundle', data: { target: number, outcome } });
  const status = describeOutcome(outcome, review, null);
  if (status.kind === 'finished') await tell(ctx, number, renderPublishNote(status));
  return { outcome, report: null, review };
}

/** Appends to this run's progress comment on `number`, or comments when there is none; never fails the run. */
async function tell(ctx: ActionContext, number: number, text: string): Promise<void> {
  try {
    const comment = (await ctx.forge.listIssueComments(number))
      .filter((c) => c.author.isBot && isProgressComment(c.body, ctx.runtime.runId))
      .at(-1);
    if (comment === undefined) await ctx.forge.createComment(number, ctx.redactor.redact(text));
    else
      await ctx.forge.updateComment(comment.id, ctx.redactor.redact(`${comment.body.trimEnd()}\n\n---\n\n${text}\n`));
  } catch (error) {
    ctx.log(`greenlight: could not update the progress comment: ${describeError(error)}`);
  }
}
