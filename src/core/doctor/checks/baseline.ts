/**
 * The preflight of a run, ahead of time: the test suite runs once, in the sandbox, and
 * must really run — the same judgement that stops a run before its first model call
 * (src/core/testing/judge-baseline.ts), with the same fixes.
 */
import { preflightFix } from '../../report/render-preflight-refusal.ts';
import { formatDuration } from '../../report/format.ts';
import { judgeBaseline } from '../../testing/judge-baseline.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const baselineCheck: DoctorCheck = {
  id: 'baseline',
  needs: ['sandbox', 'test-command', 'config'],
  surfaces: ['cli'],
  async run({ host, state, runBaseline }) {
    const plan = state.plan;
    if (plan === undefined) return [];
    if (!runBaseline)
      return [{ label: 'baseline', status: 'skip', detail: 'not run (--skip-baseline); a run runs the suite first' }];
    const report = await host.runBaseline(state.config, plan);
    const problem = judgeBaseline(report, {
      command: plan.command,
      allowNoTests: state.config.tests.allowNoTests,
      mode: 'generate',
    });
    if (problem !== null)
      return [
        {
          label: 'baseline',
          status: 'fail',
          detail: `${problem.summary}${plan.directory ? ` (in ${plan.directory}/)` : ''}; a run would stop before its first model call`,
          fix: [
            ...(problem.outputTail.trim() === ''
              ? []
              : [`its output ends: ${problem.outputTail.trim().split('\n').slice(-3).join(' | ')}`]),
            ...preflightFix({ problem, command: plan, config: state.config }),
          ],
        },
      ];
    const t = report.totals;
    const failing = t.failed + t.errored;
    return [
      {
        label: 'baseline',
        status: 'ok',
        detail: `the suite runs: ${t.passed} passed, ${failing} failing${failing > 0 ? ' (failures before a change are never blamed on it)' : ''}, ${t.skipped} skipped in ${formatDuration(report.durationMs)}`,
      },
    ];
  },
};
