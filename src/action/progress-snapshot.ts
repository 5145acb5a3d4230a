/**
 * Progress snapshots the runner itself produces around the engine's: the first one
 * (understanding the request) and the steps only the runner knows about (publish),
 * or a step that failed outside the engine.
 */
import type { ProgressSnapshot, StepName, StepState } from '../ports/progress.ts';

const STEPS: readonly StepName[] = ['understand', 'context', 'baseline', 'iterations', 'verify', 'publish'];

/** Every step pending except `understand`, which is running. */
export function initialSnapshot(maxIterations: number): ProgressSnapshot {
  const steps = Object.fromEntries(
    STEPS.map((name) => [name, { state: name === 'understand' ? 'running' : 'pending' }]),
  ) as ProgressSnapshot['steps'];
  return { steps, iteration: 0, maxIterations, tokens: 0, costUsd: 0 };
}

/** A copy of `snapshot` with one step changed. */
export function withStep(
  snapshot: ProgressSnapshot,
  step: StepName,
  state: StepState,
  detail?: string,
): ProgressSnapshot {
  return {
    ...snapshot,
    steps: { ...snapshot.steps, [step]: detail === undefined ? { state } : { state, detail } },
  };
}

/**
 * A copy where the step that was running (or else the first pending one) failed with
 * `detail`, and the steps after it are skipped: the checklist shows where it stopped.
 */
export function withFailure(snapshot: ProgressSnapshot, detail: string): ProgressSnapshot {
  const at =
    STEPS.find((name) => snapshot.steps[name].state === 'running') ??
    STEPS.find((name) => snapshot.steps[name].state === 'pending') ??
    'publish';
  let next = withStep(snapshot, at, 'failed', detail);
  for (const name of STEPS.slice(STEPS.indexOf(at) + 1)) {
    if (next.steps[name].state === 'pending' || next.steps[name].state === 'running')
      next = withStep(next, name, 'skipped');
  }
  return next;
}
