/**
 * After a review fix run (docs/architecture.md "Review threads"): judges each review
 * comment against what was published (`judgeThreads`: the model's report checked
 * against the pushed diff), replies in each comment's thread when a commit was pushed,
 * and returns the lines the progress comment lists them with. Threads are never
 * resolved by greenlight: one it could not address stays open, and one it did is left
 * for the reviewer to check and resolve. A reply that fails is logged; the run's
 * result does not change.
 */
import type { JobResult } from '../core/job.ts';
import { judgeThreads } from '../core/review/judge-threads.ts';
import type { ReviewThread } from '../core/task/task-request.ts';
import type { ActionContext } from './action-context.ts';
import type { ActionOutcome } from './action-outcome.ts';
import { renderThreadList, renderThreadReply } from './comments/render-review-comment.ts';
import { loopShortfall } from './outcome-of-publish.ts';

function notPublished(outcome: ActionOutcome, job: JobResult): string {
  switch (outcome.kind) {
    case 'gave-up':
      return outcome.reason;
    case 'dry-run':
      return 'this was a dry run';
    case 'failed':
      return `greenlight failed while ${outcome.what}`;
    default:
      return loopShortfall(job.outcome) ?? 'nothing was published';
  }
}

/** Replies to the review's comments; returns the progress comment's list of them. */
export async function answerReview(
  ctx: ActionContext,
  input: { pr: number; reviewId: number; threads: readonly ReviewThread[]; job: JobResult; outcome: ActionOutcome },
): Promise<string> {
  const { forge } = ctx;
  const { outcome, job } = input;
  const pushed = outcome.kind === 'updated' && outcome.commitSha !== undefined ? outcome.commitSha : null;
  const diff = pushed !== null && job.outcome.kind !== 'refused' ? job.outcome.diff : null;
  const results = judgeThreads({
    threads: input.threads.map((t) => ({ id: t.id, path: t.path, startLine: t.startLine, line: t.line })),
    claims: new Map((job.reviewClaims ?? []).map((c) => [c.id, c.claim])),
    diff,
    notPublished: notPublished(outcome, job),
  });
  ctx.audit.write({
    kind: 'note',
    message: 'review comments judged',
    data: { review: input.reviewId, results: results.map((r) => ({ id: r.id, verdict: r.verdict })) },
  });
  const comments = new Map((await forge.listReviewComments(input.pr, input.reviewId)).map((c) => [c.id, c]));
  if (pushed !== null) {
    const commit = {
      sha: pushed,
      url: `${ctx.runtime.serverUrl}/${forge.repo.owner}/${forge.repo.repo}/commit/${pushed}`,
    };
    for (const result of results) {
      const thread = comments.get(result.id)?.inReplyTo ?? result.id;
      try {
        await forge.replyToReviewComment(input.pr, thread, ctx.redactor.redact(renderThreadReply(result, commit)));
      } catch (error) {
        ctx.log(`greenlight: could not reply to review comment ${result.id}: ${(error as Error).message}`);
      }
    }
  }
  return renderThreadList(results, new Map([...comments].map(([id, c]) => [id, c.htmlUrl])));
}
