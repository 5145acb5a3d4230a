/**
 * Puts the workspace at the commit to work on, without the credentials a checkout left
 * on disk (docs/security.md §13: no repository code runs while the token is there), and
 * builds the task from the issue or pull request. All of its text is untrusted:
 * buildTaskRequest sanitizes it, and only comments of people with write access count.
 */
import { hasWriteAccess } from '../core/github/has-write-access.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { FixRoute, GenerateRoute } from '../core/github/route-event.ts';
import type { TaskRequest } from '../core/task/task-request.ts';
import type { ActionContext } from './action-context.ts';
import { buildTaskRequest, type TaskComment, type TaskReviewComment } from './build-task-request.ts';
import { isProgressComment } from './comments/render-progress-comment.ts';
import type { Target } from './read-target.ts';

/** Checks out the target's commit (for a pull request), strips credentials; returns the commit. */
export async function prepareWorkspace(ctx: ActionContext, target: Target): Promise<string> {
  const root = ctx.runtime.workspace;
  if (target.kind === 'pr') await ctx.services.checkoutCommit(root, target.pr.headSha, [target.pr.headRef], ctx.auth);
  const removed = await ctx.services.stripCredentials(root);
  if (removed.length > 0)
    ctx.audit.write({ kind: 'note', message: 'removed persisted git credentials', data: { removed } });
  return ctx.services.headSha(root);
}

/** The sanitized task of `target`, based on `baseSha`. */
export async function prepareTask(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  target: Target,
  baseSha: string,
): Promise<TaskRequest> {
  const requester = route.requester.login;
  const task =
    target.kind === 'pr'
      ? buildTaskRequest({
          mode: 'fix',
          pr: target.pr,
          instruction: route.kind === 'fix' ? route.instruction : '',
          ...(route.kind === 'fix' && route.reviewId !== null
            ? { reviewComments: await reviewComments(ctx, target.pr.number, route.reviewId) }
            : {}),
          requester,
          baseSha,
        })
      : buildTaskRequest({
          mode: 'generate',
          issue: target.issue,
          comments: await writerComments(ctx, target.issue.number),
          requester,
          baseSha,
        });
  if (
    route.kind === 'fix' &&
    route.reviewId !== null &&
    task.reviewThreads === undefined &&
    task.instruction === undefined
  )
    throw new GreenlightError(
      'event-invalid',
      `review ${route.reviewId} has no comments and no text: there is nothing to address. Comment on the lines to change, or say what to change in the review.`,
    );
  ctx.audit.write({
    kind: 'note',
    message: 'task',
    data: { mode: task.mode, title: task.title, baseSha, reviewComments: task.reviewThreads?.map((t) => t.id) },
  });
  return task;
}

/** Every comment of the review, as the task's threads (its author was authorized as the requester). */
async function reviewComments(ctx: ActionContext, pr: number, reviewId: number): Promise<TaskReviewComment[]> {
  const comments = await ctx.forge.listReviewComments(pr, reviewId);
  return comments.map((c) => ({
    id: c.id,
    path: c.path,
    startLine: c.startLine,
    line: c.line,
    author: c.author.login,
    diffHunk: c.diffHunk,
    body: c.body,
  }));
}

/** Comments of people with write access (not bots, not greenlight's own progress comments). */
async function writerComments(ctx: ActionContext, issue: number): Promise<TaskComment[]> {
  const comments = (await ctx.forge.listIssueComments(issue)).filter(
    (c) => !c.author.isBot && !isProgressComment(c.body, null) && !c.body.startsWith('<!-- greenlight:'),
  );
  const writers = new Map<string, boolean>();
  for (const login of new Set(comments.map((c) => c.author.login.toLowerCase()))) {
    writers.set(login, hasWriteAccess(await ctx.forge.getPermission(login)));
  }
  return comments
    .filter((c) => writers.get(c.author.login.toLowerCase()) === true)
    .map((c) => ({ author: c.author.login, body: c.body }));
}
