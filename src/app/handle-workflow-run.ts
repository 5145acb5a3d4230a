/**
 * `workflow_run.completed` of the repository's greenlight workflow, started by this App
 * (`workflow_dispatch` by its bot): one of the repository's fleet slots is free, so
 * queued requests may start.
 */
import type { AppIdentity } from './app-identity.ts';
import type { RunScheduler } from './run-scheduler.ts';

interface WorkflowRunPayload {
  action?: string;
  repository?: { full_name?: string };
  workflow_run?: {
    path?: string;
    event?: string;
    actor?: { login?: string } | null;
    triggering_actor?: { login?: string } | null;
  };
}

/** `greenlight.yml` and `.github/workflows/greenlight.yml` name the same workflow. */
export function workflowPath(file: string): string {
  return file.includes('/') ? file : `.github/workflows/${file}`;
}

/** True when the event freed a slot (and the queue was served). */
export async function handleWorkflowRun(
  deps: { scheduler: RunScheduler; identity: () => Promise<AppIdentity>; workflowFile: string },
  payload: unknown,
): Promise<boolean> {
  const event = payload as WorkflowRunPayload;
  const run = event.workflow_run;
  const repo = event.repository?.full_name;
  if (event.action !== 'completed' || run === undefined || repo === undefined) return false;
  if (run.event !== 'workflow_dispatch' || run.path?.replace(/@.*$/, '') !== workflowPath(deps.workflowFile))
    return false;
  const bot = (await deps.identity()).botLogin.toLowerCase();
  const by = (run.triggering_actor ?? run.actor)?.login?.toLowerCase();
  if (by !== bot) return false;
  await deps.scheduler.finished(repo);
  return true;
}
