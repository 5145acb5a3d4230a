/**
 * Acknowledges a request at once: a 👀 reaction where the request was made
 * and the progress comment, which the returned handle keeps up to date — the engine's
 * snapshots through the Progress port, the runner's own steps through `step`/`fail` —
 * and finally edits into what the run produced or why it stopped.
 */
import { CommentProgress } from './comment-progress.ts';
import { initialSnapshot, withFailure, withStep } from './progress-snapshot.ts';
import { isProgressComment, renderProgressComment, type ProgressStatus } from './comments/render-progress-comment.ts';
import type { ReactionTarget } from '../ports/forge.ts';
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
  const comment = existing ?? (await forge.createComment(request.target, ctx.redactor.redact(render(snapshot))));
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
