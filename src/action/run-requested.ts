/**
 * A generate or fix run, in the order docs/security.md §1–5 requires: authorize the
 * requester (a refusal is one polite comment at most, and no model call) → refuse fork
 * or closed targets → report an invalid default-branch config and stop → acknowledge
 * (👀 + progress comment) → prepare the workspace → read the request → run the engine →
 * publish (or write a change bundle). Each stage after the acknowledgement either hands
 * its value to the next or ends the run as `failed while <stage>`, and the progress
 * comment says what and why.
 */
import { renderEvidence } from '../core/evidence/render-evidence.ts';
import { authorize } from '../core/github/authorize.ts';
import type { FixRoute, GenerateRoute } from '../core/github/route-event.ts';
import type { JobResult } from '../core/job.ts';
import type { ReactionTarget } from '../ports/forge.ts';
import type { ActionContext, FlowResult } from './action-context.ts';
import type { ActionOutcome } from './action-outcome.ts';
import { answerReview } from './answer-review.ts';
import { renderConfigComment } from './comments/render-config-comment.ts';
import { deliverResult, publishDetail } from './deliver-result.ts';
import { describeError } from './describe-error.ts';
import { describeOutcome } from './describe-outcome.ts';
import { engineEnvironment } from './inputs.ts';
import type { LoadedConfig } from './load-run-config.ts';
import { prepareTask, prepareWorkspace } from './prepare-task.ts';
import { headMoved, readTarget } from './read-target.ts';
import { startProgress, type ProgressHandle } from './start-progress.ts';

const refused = (reason: string): FlowResult => ({ outcome: { kind: 'refused', reason }, report: null, review: null });

export async function runRequested(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  loaded: LoadedConfig,
): Promise<FlowResult> {
  const { forge } = ctx;
  const number = route.kind === 'generate' ? route.issue : route.pr;
  const routing = loaded.ok ? loaded.config : loaded.fallback;

  // docs/security.md §1–2: the collaborator-permission API decides, before anything is read or written.
  const permission = route.requester.isBot ? null : await forge.getPermission(route.requester.login);
  const decision = authorize({
    actor: route.requester,
    permission,
    botLogin: ctx.botLogin,
    allowedBots: routing.trigger.allowedBots,
  });
  ctx.audit.write({
    kind: 'note',
    message: 'authorization',
    data: { requester: route.requester.login, permission, ...decision },
  });
  if (!decision.allowed) {
    ctx.log(`greenlight: refused: ${decision.reason}`);
    if (decision.reply !== undefined) await forge.createComment(number, decision.reply);
    return refused(decision.reason);
  }

  const target = await readTarget(ctx, route, routing);
  if ('refusal' in target) return refused(target.refusal);

  if (!loaded.ok) {
    const retry =
      route.kind === 'generate'
        ? `remove and add the \`${routing.trigger.label}\` label again`
        : `comment \`${routing.trigger.fixCommand}\` again`;
    await forge.createComment(
      number,
      renderConfigComment({
        configPath: ctx.inputs.configPath,
        defaultBranch: loaded.defaultBranch,
        errors: loaded.errors,
        retry,
        runUrl: ctx.runUrl,
      }),
    );
    const first = loaded.errors[0];
    return {
      outcome: {
        kind: 'failed',
        what: 'reading the configuration',
        why: `${ctx.inputs.configPath} on ${loaded.defaultBranch} is invalid${first === undefined ? '' : ` (line ${first.line}, ${first.path || 'file'}: ${first.message})`}.`,
      },
      report: null,
      review: null,
    };
  }
  const config = loaded.config;

  const handle = await startProgress(ctx, {
    target: number,
    subject:
      route.kind === 'generate'
        ? `issue #${number}`
        : route.reviewId !== null
          ? `review of pull request #${number}`
          : `\`${config.trigger.fixCommand}\` on pull request #${number}`,
    maxIterations: config.budgets.maxIterations,
    react: reactionTarget(route),
    adopt: ctx.inputs.progressComment,
  });
  /**
   * The run's last word: the outcome in the progress comment (after `more`, the review
   * threads' list), and what the runner reports. When the engine ran, the comment ends
   * with the evidence record, unless a pull-request body (or the publish job) carries it.
   */
  const finish = async (outcome: ActionOutcome, job: JobResult | null, more = ''): Promise<FlowResult> => {
    const review = 'riskTier' in outcome ? config.review[outcome.riskTier] : null;
    let status = describeOutcome(outcome, review, job?.reportMarkdown ?? null);
    const inBody = route.kind === 'generate' && (outcome.kind === 'opened' || outcome.kind === 'updated');
    if (status.kind === 'finished' && more !== '') status = { ...status, text: `${more}\n\n${status.text}` };
    if (job !== null && status.kind === 'finished' && !inBody && outcome.kind !== 'bundled')
      status = { ...status, text: `${status.text}\n\n${renderEvidence(await ctx.readEvidence())}` };
    await handle.finish(status);
    return { outcome, report: job?.reportMarkdown ?? null, review };
  };

  const moved = headMoved(route, target.value, config);
  if (moved !== null) {
    handle.fail(moved);
    return finish({ kind: 'failed', what: 'checking the pull request', why: moved }, null);
  }

  const baseSha = await stage(ctx, handle, 'preparing the workspace', () => prepareWorkspace(ctx, target.value));
  if (!baseSha.ok) return finish(baseSha.failed, null);
  const task = await stage(ctx, handle, 'reading the request', () =>
    prepareTask(ctx, route, target.value, baseSha.value),
  );
  if (!task.ok) return finish(task.failed, null);
  handle.step('understand', 'done');
  const job = await stage(ctx, handle, 'running the engine', () =>
    ctx.services.runJob({
      workspaceRoot: ctx.runtime.workspace,
      task: task.value,
      config,
      env: engineEnvironment(ctx.env, ctx.inputs),
      audit: ctx.audit,
      progress: handle.progress,
    }),
  );
  if (!job.ok) return finish(job.failed, null);
  handle.step('publish', 'running');
  const delivering = ctx.inputs.bundlePath === null ? 'publishing' : 'writing the change bundle';
  const delivered = await stage(ctx, handle, delivering, () =>
    deliverResult(ctx, route, target.value, config, job.value, baseSha.value),
  );
  if (!delivered.ok) return finish(delivered.failed, job.value);
  handle.step('publish', delivered.value.kind === 'failed' ? 'failed' : 'done', publishDetail(delivered.value));
  const threads = task.value.reviewThreads;
  if (route.kind === 'fix' && route.reviewId !== null && threads !== undefined) {
    const reviewId = route.reviewId;
    const list = await stage(ctx, handle, 'answering the review comments', () =>
      answerReview(ctx, { pr: route.pr, reviewId, threads, job: job.value, outcome: delivered.value }),
    );
    return finish(delivered.value, job.value, list.ok ? list.value : '');
  }
  return finish(delivered.value, job.value);
}

export type Staged<T> = { ok: true; value: T } | { ok: false; failed: ActionOutcome };

/**
 * Runs one stage of the run. An error ends the run there: it is logged, the progress
 * checklist marks the running step failed, and the outcome says which stage it was.
 */
export async function stage<T>(
  ctx: ActionContext,
  handle: ProgressHandle,
  what: string,
  work: () => Promise<T>,
): Promise<Staged<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const why = describeError(error);
    ctx.log(`greenlight: failed while ${what}: ${why}`);
    handle.fail(why);
    return { ok: false, failed: { kind: 'failed', what, why } };
  }
}

function reactionTarget(route: GenerateRoute | FixRoute): ReactionTarget | null {
  if (route.kind === 'fix')
    return route.commentId === null ? { kind: 'issue', number: route.pr } : { kind: 'comment', id: route.commentId };
  return route.source === 'label' ? { kind: 'issue', number: route.issue } : null;
}
