/**
 * The comment that reports a dispatch: the acknowledgement with the checklist when the
 * workflow started, or why it could not start.
 */
import { renderAckComment } from './comments/render-ack-comment.ts';
import { renderMissingWorkflow } from './comments/render-missing-workflow.ts';
import { renderDispatchRefusal } from './comments/render-refusal-comment.ts';
import type { DispatchOutcome } from './dispatch-run.ts';
import { workflowUrl, type RunRequest } from './run-request.ts';

/** Every input the App may send; the workflow must declare them all. */
export const DISPATCH_INPUT_NAMES = [
  'issue',
  'pr',
  'requester',
  'head_sha',
  'comment_id',
  'instruction',
  'progress_comment',
  'review_id',
  'run_id',
] as const;

export function renderDispatchComment(
  request: RunRequest,
  outcome: DispatchOutcome,
  template: string,
  fromQueue: boolean,
): string {
  switch (outcome.kind) {
    case 'dispatched':
      return renderAckComment({
        subject: request.subject,
        requester: request.requester,
        workflowFile: request.workflowFile,
        workflowUrl: workflowUrl(request),
        maxIterations: request.maxIterations,
        status: { kind: fromQueue ? 'dispatched-from-queue' : 'dispatched' },
      });
    case 'missing-workflow':
      return renderMissingWorkflow({
        workflowFile: request.workflowFile,
        defaultBranch: request.defaultBranch,
        template,
        repoUrl: request.repoUrl,
        retry: request.retry,
      });
    case 'rejected':
      return renderDispatchRefusal({
        workflowFile: request.workflowFile,
        defaultBranch: request.defaultBranch,
        message: outcome.message,
        inputs: DISPATCH_INPUT_NAMES,
        retry: request.retry,
      });
  }
}
