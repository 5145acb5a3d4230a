/**
 * Starts the repository's greenlight workflow for a request (`workflow_dispatch` on the
 * default branch). GitHub's expected refusals are outcomes: no such workflow (404) and
 * a workflow that cannot take the dispatch (422: no `workflow_dispatch` trigger,
 * undeclared inputs, disabled); anything else is an error.
 */
import type { Forge } from '../ports/forge.ts';
import type { RunRequest } from './run-request.ts';

export type DispatchOutcome =
  { kind: 'dispatched' } | { kind: 'missing-workflow' } | { kind: 'rejected'; message: string };

function httpStatus(error: unknown): number | null {
  const cause = (error as { cause?: { status?: unknown } } | null)?.cause;
  const status = cause?.status ?? (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

function githubMessage(error: unknown): string {
  const data = (error as { cause?: { response?: { data?: { message?: unknown } } } } | null)?.cause?.response?.data;
  return typeof data?.message === 'string' ? data.message : error instanceof Error ? error.message : String(error);
}

/**
 * Dispatches `request`, handing `progressComment` (the App's acknowledgement) to the
 * run as the `progress_comment` input. A workflow written before that input existed
 * refuses unknown inputs (422): it is dispatched again without it, and its run posts
 * its own progress comment as it always did.
 */
export async function dispatchRun(
  forge: Forge,
  request: RunRequest,
  progressComment: number | null = null,
): Promise<DispatchOutcome> {
  const inputs =
    progressComment === null ? request.inputs : { ...request.inputs, progress_comment: String(progressComment) };
  try {
    await forge.dispatchWorkflow(request.workflowFile, request.defaultBranch, inputs);
    return { kind: 'dispatched' };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return { kind: 'missing-workflow' };
    if (status === 422 && progressComment !== null && /progress_comment/.test(githubMessage(error)))
      return dispatchRun(forge, request, null);
    if (status === 422) return { kind: 'rejected', message: githubMessage(error) };
    throw error;
  }
}
