/**
 * Acknowledges a request at once: a 👀 reaction where the request was made
 * and the progress comment, which the returned handle keeps up to date — the engine's
 * snapshots through the Progress port, the runner's own steps through `step`/`fail` —
 * and finally edits into what the run produced or why it stopped.
 */
import { adoptionRefusal } from '../core/github/adoptable-comment.ts';
import { CommentProgress } from './comment-progress.ts';
import { isProgressComment, renderProgressComment, type ProgressStatus } from './comments/render-progress-comment.ts';
import { initialSnapshot, withFailure, withStep } from './progress-snapshot.ts';
import type { Actor, CommentInfo, IssueCommentInfo, ReactionTarget } from '../ports/forge.ts';
import type { Progress, ProgressSnapshot, StepName, StepState } from '../ports/progress.ts';
import type { ActionContext } from './action-context.ts';

export interface ProgressHandle {
  readonly progress: Progress;
  readonly commentId: number;
  step(step: StepName, state: StepState, detail?: string): void;
  /** Marks the running step failed with `detail`, the rest skipped. */
  fail(detail: string): void;
  finish(status: ProgressStatus): Promise<void>;
}

export interface StartProgressRequest {
  /** Issue or pull request the comment goes on. */
  target: number;
  /** E.g. "issue #3". */
  subject: string;
  maxIterations: number;
  /** Where to put the 👀; null for none. */
  react: ReactionTarget | null;
  /** Reuse this run's progress comment when one exists (the publish job of the two-job workflow). */
  reuse?: boolean;
  /**
   * The App's acknowledgement (`progress_comment`): edited into the progress comment
   * instead of posting a second one, when adoptable-comment.ts agrees it is the App's.
   */
  adopt?: number | null;
}

export async function startProgress(ctx: ActionContext, request: StartProgressRequest): Promise<ProgressHandle> {
  const { forge, runtime } = ctx;
  if (request.react !== null) {
    // The acknowledgement is a courtesy: a missing reaction must not stop the run.
    await forge
      .addReaction(request.react, 'eyes')
      .catch((error: unknown) => ctx.log(`greenlight: could not add the 👀 reaction: ${(error as Error).message}`));
  }
  const render = (snapshot: ProgressSnapshot, status: ProgressStatus = { kind: 'running' }) =>
    renderProgressComment({ subject: request.subject, runId: runtime.runId, runUrl: ctx.runUrl, snapshot, status });
  let snapshot = initialSnapshot(request.maxIterations);
  const existing =
    request.reuse === true
      ? (await forge.listIssueComments(request.target))
          .filter((c) => c.author.isBot && isProgressComment(c.body, runtime.runId))
          .at(-1)
      : undefined;
  let comment = existing;
  if (comment === undefined) {
    const body = ctx.redactor.redact(render(snapshot));
    const adopted = await adoptComment(ctx, request);
    comment =
      adopted === null ? await forge.createComment(request.target, body) : await forge.updateComment(adopted.id, body);
  }
  ctx.log(`greenlight: progress comment ${comment.htmlUrl}`);
  const progress = new CommentProgress({
    forge,
    commentId: comment.id,
    render: (s) => render(s),
    redact: ctx.redactor.redact,
    onError: (error) => ctx.log(`greenlight: could not update the progress comment: ${(error as Error).message}`),
  });
  const push = (next: ProgressSnapshot) => {
    snapshot = next;
    void progress.update(next);
  };
  const engine: Progress = {
    async update(next) {
      snapshot = next;
      await progress.update(next);
    },
  };
  return {
    progress: engine,
    commentId: comment.id,
    step: (step, state, detail) => push(withStep(snapshot, step, state, detail)),
    fail: (detail) => push(withFailure(snapshot, detail)),
    async finish(status) {
      const ok = await progress.finish(render(snapshot, status));
      if (!ok) ctx.log('greenlight: the final progress comment could not be written; the job summary has the result');
    },
  };
}

/** The App's comment named by `progress_comment`, when it may be taken over; null otherwise (logged). */
async function adoptComment(ctx: ActionContext, request: StartProgressRequest): Promise<CommentInfo | null> {
  if (request.adopt === undefined || request.adopt === null) return null;
  const sender = (ctx.payload as { sender?: { login?: unknown; type?: unknown } } | null)?.sender;
  const dispatcher: Actor | null =
    ctx.runtime.eventName === 'workflow_dispatch' && typeof sender?.login === 'string'
      ? { login: sender.login, isBot: sender.type === 'Bot' }
      : null;
  let comment: IssueCommentInfo | null;
  try {
    comment = await ctx.forge.getIssueComment(request.adopt);
  } catch (error) {
    ctx.log(
      `greenlight: posting a new progress comment: could not read comment ${request.adopt}: ${(error as Error).message}`,
    );
    return null;
  }
  const refusal = adoptionRefusal({ commentId: request.adopt, comment, target: request.target, dispatcher });
  if (refusal === null) return comment;
  ctx.log(`greenlight: posting a new progress comment: ${refusal}`);
  return null;
}
