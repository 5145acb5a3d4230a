/**
 * One request to run greenlight, as the App admits it under the fleet limits,
 * dispatches it at once or keeps it queued: everything needed to dispatch it later,
 * from any process, without the webhook that asked for it.
 */
import type { RepoRef } from '../ports/forge.ts';

export interface RunRequest {
  installationId: number;
  repo: RepoRef;
  /** `https://github.com/acme/shop` (or the GHES host), for links. */
  repoUrl: string;
  defaultBranch: string;
  workflowFile: string;
  /** A repair is the App's own, after a failed CI run: nobody is acknowledged, the run comments. */
  kind: 'generate' | 'fix' | 'repair';
  /** The issue or pull request the acknowledgement is posted on. */
  thread: number;
  /** "issue #3", "`/fix` on pull request #7". */
  subject: string;
  requester: string;
  /** The `workflow_dispatch` inputs (strings, as the API takes them). */
  inputs: Record<string, string>;
  /** How to ask again, for refusals: "remove and re-add the `ai-generate` label". */
  retry: string;
  maxIterations: number;
  /** Dispatch attempts that failed on a transient error. */
  attempts: number;
}

/** The runs page of the workflow, linked from the acknowledgement. */
export function workflowUrl(request: Pick<RunRequest, 'repoUrl' | 'workflowFile'>): string {
  return `${request.repoUrl}/actions/workflows/${encodeURIComponent(request.workflowFile.slice(request.workflowFile.lastIndexOf('/') + 1))}`;
}
