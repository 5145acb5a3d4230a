/**
 * Three witnesses of one test run: the structured report (a file in the workspace, which
 * the code under test could rewrite), the exit code, and the runner's own summary on its
 * output. The report is only trusted when they agree (docs/security.md §28); each
 * disagreement is a sentence, and any disagreement fails the run (judgeReport).
 */
import type { TestReport } from '../../ports/test-runner.ts';
import { SUITE_ID } from './build-test-report.ts';
import type { RunnerSummary } from './runner-summary.ts';

/**
 * Why `report` cannot be trusted, given the runner's own `summary` of the same run;
 * empty when nothing disagrees (or there is no summary to compare with).
 * @example crossCheckReport(allGreenReportWithExit0, { failed: 3, passed: 2, exact: true, lines: 1, conflicting: [] })
 * // ['the command exited 0 although vitest's own summary counts 3 failing test(s)', …]
 */
export function crossCheckReport(report: TestReport, summary: RunnerSummary | null): string[] {
  if (summary === null) return [];
  const problems: string[] = [];
  const runner = report.runner;
  if (summary.conflicting.length > 0) {
    problems.push(
      `the output holds ${summary.conflicting.length} different ${runner} summaries (${summary.conflicting.map((s) => `"${s}"`).join(', ')}) where one run prints one`,
    );
  }
  if (report.exitCode === 0 && summary.failed > 0) {
    problems.push(`the command exited 0 although ${runner}'s own summary counts ${summary.failed} failing test(s)`);
  }
  if (report.structured) {
    const failing = report.tests.filter(
      (t) => t.id !== SUITE_ID && (t.status === 'failed' || t.status === 'errored'),
    ).length;
    const hidden = summary.exact ? summary.failed > failing : summary.failed > 0 && failing === 0;
    if (hidden) {
      problems.push(
        `${runner}'s own summary counts ${summary.failed} failing test(s), but its machine-readable report lists ${failing}`,
      );
    }
  }
  return problems;
}
