/**
 * `greenlight demo --replay AUDIT.jsonl`: shows what a recorded run did by running it
 * again with the model's answers from its audit log. The repository state it needs is
 * the run's base commit (from `run-start`): the replay works in a temporary clone of
 * the user's checkout at that commit, so the user's branches, worktrees and working
 * tree are never touched, and the result lands on a branch of the clone.
 */
import { rm } from 'node:fs/promises';
import { readAuditLog } from '../adapters/audit/read-audit-log.ts';
import { git, runGit } from '../adapters/git/run-git.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { Progress } from '../ports/progress.ts';
import { replayPlan, type ReplayPlan } from './replay-plan.ts';
import { replayTarget } from './replay-target.ts';
import { runReplay, type ReplayRun } from './run-replay.ts';

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

/** The branch of the clone the replay starts on. */
export const REPLAY_BRANCH = 'greenlight-replay';

/**
 * @throws GreenlightError('audit-invalid') for a log that is not a replayable run,
 *   ('git') when the checkout lacks the base commit, ('replay-diverged') when the
 *   replay stops matching the recording.
 */
export async function replayAuditLog(options: AuditReplayOptions): Promise<AuditReplay> {
  const plan = replayPlan(await readAuditLog(options.auditPath), options.auditPath);
  const source = (await git(options.repo, ['rev-parse', '--show-toplevel'])).trim();
  const found = await runGit(source, ['cat-file', '-e', `${plan.base}^{commit}`]);
  if (found.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `The recorded run started at ${plan.base.slice(0, 12)}, which is not in ${source}: replay from a clone of the repository the run was made in, after git fetch (in a shallow clone, fetch more history), or pass --repo DIR.`,
    );
  }
  const dir = await replayTarget(options.keepDir, 'greenlight-replay-');
  await cloneAt(source, dir, plan.base, options.keepDir !== undefined);
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

/**
 * A clone that borrows the source's objects (instant, even for a commit no branch
 * points to), on a branch at `base`. A kept clone gets its own copy of the objects it
 * uses, so that it survives a `git gc` in the source.
 */
async function cloneAt(source: string, dir: string, base: string, keep: boolean): Promise<void> {
  await git(dir, ['clone', '--quiet', '--shared', '--no-checkout', '--template=', source, '.']);
  await git(dir, ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '-b', REPLAY_BRANCH, base]);
  if (keep) {
    await git(dir, ['repack', '-a', '-d', '--quiet']);
    await rm(`${dir}/.git/objects/info/alternates`, { force: true });
  }
}
