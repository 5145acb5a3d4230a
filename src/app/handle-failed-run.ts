/**
 * `workflow_run.completed` with conclusion `failure` on a greenlight pull request: the
 * App dispatches the repository's greenlight workflow with `pr`, `run_id` and
 * `head_sha`, and the run repairs CI or asks for a person (src/action/run-repair.ts,
 * docs/architecture.md "CI repair"). The App only pre-filters cheaply — routing (not the
 * greenlight workflow itself, not a fork, a pull request at all), then each pull
 * request read once: open, labelled `greenlight`, not waiting for a person, still at the
 * run's head — and admits the run under the fleet limits. Everything that decides
 * (who opened the pull request, the cap, the failure itself) is the run's, against
 * GitHub. It posts nothing: the run writes its own progress comment.
 */
import { readRepoConfig } from '../core/config/read-repo-config.ts';
import { defaultConfig } from '../core/config/repo-config.ts';
import { describeLimit } from '../core/fleet/describe-limit.ts';
import { GREENLIGHT_LABEL, NEEDS_HUMAN_LABEL } from '../core/github/greenlight-labels.ts';
import { routeEvent } from '../core/github/route-event.ts';
import type { Forge, PullRequestInfo } from '../ports/forge.ts';
import type { AppIdentity } from './app-identity.ts';
import type { AppLog } from './app-log.ts';
import { workflowPath } from './handle-workflow-run.ts';
import type { RunRequest } from './run-request.ts';
import type { RunScheduler } from './run-scheduler.ts';

export interface FailedRunDeps {
  forge: Forge;
  identity: AppIdentity;
  scheduler: RunScheduler;
  installationId: number;
  repoUrl: string;
  defaultBranch: string;
  workflowFile: string;
  configPath: string;
  log: AppLog;
}

export type FailedRunOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'dispatched'; pr: number }
  | { kind: 'queued'; pr: number; position: number }
  | { kind: 'limit-refused'; pr: number; reason: string }
  | { kind: 'rejected'; pr: number; message: string }
  | { kind: 'missing-workflow'; pr: number };

const has = (pr: PullRequestInfo, label: string) => pr.labels.some((l) => l.toLowerCase() === label);

/** Pre-filters a failed run and dispatches (or queues) its repair; never comments. */
export async function handleFailedRun(deps: FailedRunDeps, payload: unknown): Promise<FailedRunOutcome> {
  const { forge } = deps;
  const route = routeEvent('workflow_run', payload, defaultConfig(), {
    botLogin: deps.identity.botLogin,
    modeInput: 'auto',
    ownWorkflowPath: workflowPath(deps.workflowFile),
  });
  if (route.kind === 'ignore') return { kind: 'ignored', reason: route.reason };
  if (route.kind !== 'repair' || route.headSha === null) return { kind: 'ignored', reason: 'not a failed CI run' };
  const config = await readRepoConfig(forge, deps.configPath);
  if (!config.ok) return { kind: 'ignored', reason: `${deps.configPath} is invalid; the run would stop there` };
  if (config.config.repair.maxAttempts === 0) return { kind: 'ignored', reason: 'repair.maxAttempts is 0' };

  let pr: PullRequestInfo | null = null;
  for (const number of route.prs) {
    const candidate = await forge.getPullRequest(number);
    if (
      candidate.state === 'open' &&
      !candidate.isFork &&
      has(candidate, GREENLIGHT_LABEL) &&
      !has(candidate, NEEDS_HUMAN_LABEL) &&
      candidate.headSha === route.headSha
    ) {
      pr = candidate;
      break;
    }
  }
  if (pr === null) return { kind: 'ignored', reason: 'no open greenlight pull request at the run’s head' };

  const request: RunRequest = {
    installationId: deps.installationId,
    repo: forge.repo,
    repoUrl: deps.repoUrl,
    defaultBranch: deps.defaultBranch,
    workflowFile: deps.workflowFile,
    kind: 'repair',
    thread: pr.number,
    subject: `CI repair on pull request #${pr.number}`,
    requester: deps.identity.botLogin,
    inputs: { pr: String(pr.number), run_id: String(route.runId), head_sha: route.headSha },
    retry: 're-run the failed CI run',
    maxIterations: config.config.budgets.maxIterations,
    attempts: 0,
  };
  const admission = await deps.scheduler.admit(request, config.config.fleet);
  switch (admission.kind) {
    case 'refuse':
      deps.log.info({ pr: pr.number, reason: admission.reason }, 'CI repair refused by the fleet limits');
      return { kind: 'limit-refused', pr: pr.number, reason: describeLimit(admission.reason) };
    case 'queue':
      deps.log.info({ pr: pr.number, position: admission.position }, 'CI repair queued');
      return { kind: 'queued', pr: pr.number, position: admission.position };
    case 'start': {
      const outcome = await deps.scheduler.dispatch(forge, request, admission.leaseId);
      if (outcome.kind === 'rejected')
        deps.log.warn(
          { pr: pr.number, message: outcome.message },
          'the workflow refused the CI repair dispatch; it must declare the run_id input (examples/workflows/greenlight.yml)',
        );
      else deps.log.info({ pr: pr.number, run: route.runId, outcome: outcome.kind }, 'CI repair dispatched');
      return outcome.kind === 'dispatched'
        ? { kind: 'dispatched', pr: pr.number }
        : outcome.kind === 'rejected'
          ? { kind: 'rejected', pr: pr.number, message: outcome.message }
          : { kind: 'missing-workflow', pr: pr.number };
    }
  }
}
