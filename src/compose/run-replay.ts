/**
 * One replay: `runLocalJob` on a prepared checkout with the model's answers taken from
 * a recorded run. Everything else is the real engine: the sandbox, the test runs, the
 * risk classification, the report, the branch.
 */
import { probeBwrap } from '../adapters/sandbox/probe-drivers.ts';
import { runProcess } from '../adapters/sandbox/run-process.ts';
import type { LocalJobResult } from './run-local-job.ts';
import { runLocalJob } from './run-local-job.ts';
import { GreenlightError, isGreenlightError } from '../ports/errors.ts';
import { renderProgressChecklist } from '../core/report/render-progress.ts';
import type { Progress, ProgressSnapshot } from '../ports/progress.ts';
import { createCheckedReplay } from './checked-replay.ts';
import type { ReplayPlan } from './replay-plan.ts';

/**
 * Whether bubblewrap works here, by running it once as the bubblewrap driver would (the
 * demo chooses its sandbox by it). Never throws: a failure is a reason in words.
 */
export function probeBubblewrap(
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  return probeBwrap(runProcess, env);
}

export interface ReplayRunOptions {
  /** A clean checkout on a branch, at the commit the replay starts from. */
  repo: string;
  plan: ReplayPlan;
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  /** Default: `<git dir>/greenlight/audit-<time>.jsonl` of `repo`. */
  auditPath?: string;
  onAuditLog?: (path: string) => void;
  now?: () => Date;
}

export interface ReplayRun {
  local: LocalJobResult;
  /** How the replay differs from the recording; empty when it reproduced it. */
  divergences: string[];
  /** The progress checklist as it stood at the end (the progress comment's markdown). */
  checklist: string;
  /** Recorded model responses the replay used. */
  usedResponses: number;
}

/**
 * @throws GreenlightError('replay-diverged') when a tool call no longer behaves as
 *   recorded or the recorded responses run out; whatever runLocalJob throws.
 */
export async function runReplay(options: ReplayRunOptions): Promise<ReplayRun> {
  const replay = createCheckedReplay(options.plan);
  let last: ProgressSnapshot | null = null;
  const progress: Progress = {
    async update(snapshot) {
      last = structuredClone(snapshot);
      await options.progress.update(snapshot);
    },
  };
  let local: LocalJobResult;
  try {
    local = await runLocalJob({
      repo: options.repo,
      task: options.plan.task,
      mode: options.plan.mode,
      dryRun: false,
      env: options.env,
      progress,
      model: replay.model,
      onBaseline: (baseline) => replay.checkBaseline(baseline),
      ...(options.auditPath === undefined ? {} : { auditPath: options.auditPath }),
      ...(options.onAuditLog === undefined ? {} : { onAuditLog: options.onAuditLog }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  } catch (error) {
    // The replay works in a directory the user did not choose: say which, so that its branch can be found.
    if (!isGreenlightError(error)) throw error;
    throw new GreenlightError(error.code, `${error.message} (The replay ran in ${options.repo}.)`, { cause: error });
  }
  return {
    local,
    divergences: replay.divergences(local.job.outcome.kind),
    checklist: last === null ? '' : renderProgressChecklist(last),
    usedResponses: replay.used(),
  };
}
