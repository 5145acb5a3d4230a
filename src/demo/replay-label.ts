/**
 * The words that say a run is a replay: printed when it starts and again in the
 * summary, so that nobody mistakes replayed answers for a live model.
 */
import type { ReplayPlan } from '../compose/replay-plan.ts';

/** Where the replay came from and ran. */
export type ReplaySource =
  | { kind: 'demo'; transcript: string; dir: string }
  | { kind: 'audit'; auditPath: string; checkout: string; dir: string };

/** Lines that open the output, before any progress. */
export function replayLabel(plan: ReplayPlan, source: ReplaySource): string[] {
  const lines = [
    `REPLAY: the model's answers are replayed from ${source.kind === 'demo' ? source.transcript : source.auditPath}; no model is called, no API key or network is used.`,
  ];
  if (plan.scriptedNote !== null) lines.push(`        ${plan.scriptedNote}`);
  lines.push(
    '        Everything else is real: git, the test runs (in the sandbox the report names), the risk classification and the report.',
  );
  if (source.kind === 'demo') {
    lines.push(
      `        Example repository: ${source.dir} (a copy of greenlight's examples/demo-repo, committed on main).`,
    );
  } else {
    lines.push(
      `        Replaying in ${source.dir}, a clone of ${source.checkout} at the recorded base ${plan.base.slice(0, 12)}; your checkout is not touched.`,
    );
    if (!plan.bodyKnown)
      lines.push(
        "        The audit log records the task's title only, so the repository context may rank files a little differently; the answers are the recorded ones either way.",
      );
  }
  lines.push(
    `        Task: ${plan.task.title} (${plan.mode}, ${plan.responses.length} recorded model responses, ${plan.modelId})`,
  );
  return lines;
}
