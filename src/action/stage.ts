/**
 * One stage of a requested or repair run, so a failure anywhere ends the run the same way:
 * logged, the progress checklist's running step marked failed, and an outcome naming the stage.
 */
import { describeError } from './describe-error.ts';
import type { ActionContext } from './action-context.ts';
import type { ActionOutcome } from './action-outcome.ts';
import type { ProgressHandle } from './start-progress.ts';

export type Staged<T> = { ok: true; value: T } | { ok: false; failed: ActionOutcome };

/**
 * Runs one stage of the run. An error ends the run there: it is logged, the progress
 * checklist marks the running step failed, and the outcome says which stage it was.
 */
export async function stage<T>(
  ctx: ActionContext,
  handle: ProgressHandle,
  what: string,
  work: () => Promise<T>,
): Promise<Staged<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const why = describeError(error);
    ctx.log(`greenlight: failed while ${what}: ${why}`);
    handle.fail(why);
    return { ok: false, failed: { kind: 'failed', what, why } };
  }
}
