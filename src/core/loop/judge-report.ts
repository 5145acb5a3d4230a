/**
 * The engine's verdict on one test report against the baseline, and the score used
 * to pick the best state. Baseline failures are never blamed on the change; without
 * per-test results the whole command must succeed (fail closed); a report that
 * disagrees with the exit code or the runner's own summary never passes.
 */
import type { TestReport } from '../../ports/test-runner.ts';
import type { BaselineComparison } from '../testing/compare-to-baseline.ts';

export interface JudgeOptions {
  baseline: TestReport;
  mustFixBaselineFailures: boolean;
}

/** A sentence saying why the report is not acceptable, or null when it is. */
export function judgeReport(report: TestReport, comparison: BaselineComparison, options: JudgeOptions): string | null {
  if (report.disagreements !== undefined && report.disagreements.length > 0)
    return `the test report cannot be trusted: ${report.disagreements.join('; ')}`;
  if (report.crashed)
    return `the test suite could not run (exit code ${report.exitCode ?? 'none'}${report.timedOut ? ', timed out' : ''})`;
  if (!report.structured) {
    return report.exitCode === 0
      ? null
      : `the test command failed (exit code ${report.exitCode ?? 'none'}) and reported no per-test results`;
  }
  const blamed = [...comparison.byCategory['newly-failing'], ...comparison.byCategory['new-failing']];
  if (blamed.length > 0) return `${blamed.length} test(s) fail because of the change: ${list(blamed)}`;
  const stillFailing = comparison.byCategory['still-failing'];
  if (options.mustFixBaselineFailures && stillFailing.length > 0) {
    return `${stillFailing.length} failing test(s) still fail: ${list(stillFailing)}`;
  }
  const failing = report.tests.some((t) => t.status === 'failed' || t.status === 'errored');
  if (report.exitCode !== 0 && options.baseline.exitCode === 0 && !failing) {
    return `the test command failed (exit code ${report.exitCode ?? 'none'}) although no test failed; see the output`;
  }
  return null;
}

/**
 * Higher is better, compared element by element: fewer baseline tests broken, then
 * more tests passing, then fewer failing. Crashed runs, and reports that disagree with
 * the runner's own summary, are never candidates (null).
 */
export function scoreReport(report: TestReport, comparison: BaselineComparison): number[] | null {
  if (report.crashed || (report.disagreements?.length ?? 0) > 0) return null;
  if (!report.structured) return [report.exitCode === 0 ? 0 : -1, 0, 0];
  return [
    0 - comparison.byCategory['newly-failing'].length,
    report.totals.passed,
    0 - (report.totals.failed + report.totals.errored),
  ];
}

/** a ≥ b, lexicographically. */
export function scoreAtLeast(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, 10).join(', ');
  return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}
