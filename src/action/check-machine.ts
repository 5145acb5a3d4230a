/**
 * `greenlight doctor`'s checks in the Action, on the prepared workspace and before the
 * engine (README "`greenlight doctor`"): each finding is logged, the list goes to the job
 * summary, and a ✗ ends the run there as `failed while checking this machine`, with the
 * checks and their fixes in the progress comment — before any model call. Requested runs
 * and CI repairs both start the engine through it.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import { renderDoctorMarkdown } from '../core/doctor/render-doctor-report.ts';
import type { ActionContext } from './action-context.ts';
import type { ActionOutcome } from './action-outcome.ts';
import { stage } from './stage.ts';
import type { ProgressHandle } from './start-progress.ts';

/** The checks as markdown once they ran (null when they could not), and the outcome that stops the run, if any. */
export interface MachineChecked {
  checks: string | null;
  failed: ActionOutcome | null;
}

export async function checkMachine(
  ctx: ActionContext,
  handle: ProgressHandle,
  config: RepoConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<MachineChecked> {
  const machine = await stage(ctx, handle, 'checking this machine', () =>
    ctx.services.checkMachine({ root: ctx.runtime.workspace, config, env }),
  );
  if (!machine.ok) return { checks: null, failed: machine.failed };
  const checks = renderDoctorMarkdown(machine.value);
  for (const line of machine.value.results.flatMap((r) => r.lines))
    ctx.log(`greenlight: check ${line.status === 'ok' ? 'ok' : line.status}: ${line.label}: ${line.detail}`);
  if (machine.value.ok) return { checks, failed: null };
  handle.fail('a check failed');
  return { checks, failed: { kind: 'failed', what: 'checking this machine', why: `\n\n${checks}` } };
}
