/**
 * The inputs of a greenlight `workflow_dispatch`: what the App records at trigger time
 * (`issue` or `pr`, `requester`, `head_sha`, `comment_id`, and `review_id` for a review
 * or `run_id` for a failed CI run to repair) or what a person types in the "Run
 * workflow" form. Empty strings mean "not given", as in the form.
 */
import { GreenlightError } from '../../ports/errors.ts';

export interface DispatchInputs {
  issue: number | null;
  pr: number | null;
  requester: string | null;
  headSha: string | null;
  commentId: number | null;
  /** The review whose comments a fix run addresses. */
  reviewId: number | null;
  /** The failed workflow run a repair run reads. */
  runId: number | null;
  instruction: string;
}

type RawInputs = Readonly<Record<string, string | number | boolean | null | undefined>> | null | undefined;

function text(inputs: RawInputs, name: string): string | null {
  const value = inputs?.[name];
  if (value === undefined || value === null || typeof value === 'boolean') return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

function positiveInt(inputs: RawInputs, name: string, what: string): number | null {
  const value = text(inputs, name);
  if (value === null) return null;
  const digits = value.replace(/^#/, '');
  if (!/^[1-9][0-9]{0,14}$/.test(digits)) {
    throw new GreenlightError(
      'event-invalid',
      `workflow_dispatch input '${name}' must be ${what}, got '${value}'. Enter just the number, e.g. 42.`,
    );
  }
  return Number(digits);
}

/** Reads and checks the dispatch inputs; a malformed value is an `event-invalid` error. */
export function parseDispatchInputs(inputs: RawInputs): DispatchInputs {
  const issue = positiveInt(inputs, 'issue', 'an issue number');
  const pr = positiveInt(inputs, 'pr', 'a pull request number');
  if (issue !== null && pr !== null) {
    throw new GreenlightError(
      'event-invalid',
      `workflow_dispatch has both 'issue' (${issue}) and 'pr' (${pr}); give one: 'issue' to generate, 'pr' to fix.`,
    );
  }
  const runId = positiveInt(inputs, 'run_id', 'a workflow run id');
  if (runId !== null && pr === null) {
    throw new GreenlightError(
      'event-invalid',
      `workflow_dispatch input 'run_id' (${runId}) needs 'pr': the pull request whose failed CI run greenlight repairs.`,
    );
  }
  const headSha = text(inputs, 'head_sha');
  if (headSha !== null && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(headSha)) {
    throw new GreenlightError(
      'event-invalid',
      `workflow_dispatch input 'head_sha' must be a full commit SHA (40 hex digits), got '${headSha}'.`,
    );
  }
  const requester = text(inputs, 'requester');
  if (requester !== null && !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$/.test(requester)) {
    throw new GreenlightError(
      'event-invalid',
      `workflow_dispatch input 'requester' must be a GitHub login, got '${requester}'.`,
    );
  }
  return {
    issue,
    pr,
    requester,
    headSha,
    commentId: positiveInt(inputs, 'comment_id', 'a comment id'),
    reviewId: positiveInt(inputs, 'review_id', 'a review id'),
    runId,
    instruction: text(inputs, 'instruction') ?? '',
  };
}
