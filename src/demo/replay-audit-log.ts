/**
 * `greenlight demo --replay AUDIT.jsonl`: shows what a recorded run did by running it
 * again with the model's answers from its audit log. The repository state it needs is
 * the run's base commit (from `run-start`): the replay works in a temporary clone of
 * the user's checkout at that commit, so the user's branches, worktrees and working
 * tree are never touched, and the result lands on a branch of the clone.
 */
import { checkoutRoot, cloneAtBase } from '../compose/replay-checkout.ts';
import { loadReplayPlan, type ReplayPlan } from '../compose/replay-plan.ts';
import { runReplay, type ReplayRun } from '../compose/run-replay.ts';
import type { Progress } from '../ports/progress.ts';
import { replayTarget } from './replay-target.ts';

export interface AuditReplayOptions {
  auditPath: string;
  /** Any directory inside the checkout that holds the run's base commit. */
  repo: string;
  /** Keep the clone here instead of a new temp dir. */
  keepDir?: string;
  env: Readonly<Record<string, string | undefined>>;
  progress: Progress;
  onReady?: (info: { dir: string; plan: ReplayPlan; source: string }) => void;
  onAuditLog?: (path: string) => void;
}

export interface AuditReplay extends ReplayRun {
  /** The clone the replay ran in; the result is on `local.branch` in it. */
  dir: string;
  /** The checkout it was cloned from. */
  source: string;
  plan: ReplayPlan;
}

/**
 * @throws GreenlightError('audit-invalid') for a log that is not a replayable run,
 *   ('git') when the checkout lacks the base commit, ('replay-diverged') when the
 *   replay stops matching the recording.
 */
export async function replayAuditLog(options: AuditReplayOptions): Promise<AuditReplay> {
  const plan = await loadReplayPlan(options.auditPath);
  const source = await checkoutRoot(options.repo, plan.base);
  const dir = await replayTarget(options.keepDir, 'greenlight-replay-');
  await cloneAtBase(source, dir, plan.base, options.keepDir !== undefined);
  options.onReady?.({ dir, plan, source });
  const run = await runReplay({
    repo: dir,
    plan,
    env: options.env,
    progress: options.progress,
    ...(options.onAuditLog === undefined ? {} : { onAuditLog: options.onAuditLog }),
  });
  return { ...run, dir, source, plan };
}
