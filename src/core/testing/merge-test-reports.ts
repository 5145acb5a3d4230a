/**
 * One report from two commands run for the same check: the repository's test command
 * and, in a CI repair, the failing CI step's own test invocation (docs/architecture.md
 * "CI repair"). Tests both ran keep their worse result; the second command's
 * stand-in case (an unstructured or crashed run) gets its own id, so that it is counted
 * and compared with the baseline like any test. The first report's shape (runner,
 * structure) is kept: the second one only adds results.
 */
import type { TestCaseResult, TestReport } from '../../ports/test-runner.ts';
import { countTotals, SUITE_ID } from './build-test-report.ts';

/** Id of the second command's stand-in case. */
export const EXTRA_SUITE_ID = '(CI command)';

const RANK: Record<TestCaseResult['status'], number> = { passed: 0, skipped: 1, failed: 2, errored: 3 };

/**
 * @example mergeTestReports(npmTestReport, ciCommandReport).command // 'npm test && npx vitest run'
 */
export function mergeTestReports(first: TestReport, second: TestReport): TestReport {
  const byId = new Map<string, TestCaseResult>();
  for (const test of first.tests) byId.set(test.id, test);
  for (const raw of second.tests) {
    const test = raw.id === SUITE_ID ? { ...raw, id: EXTRA_SUITE_ID, name: `CI command: ${second.command}` } : raw;
    const had = byId.get(test.id);
    if (had === undefined || RANK[test.status] > RANK[had.status]) byId.set(test.id, test);
  }
  const tests = [...byId.values()];
  const notes = [...(first.notes ?? []), ...(second.notes ?? []).map((n) => `CI command: ${n}`)];
  // Either command's report disagreeing with its own runner makes the whole one untrustworthy.
  const disagreements = [
    ...(first.disagreements ?? []),
    ...(second.disagreements ?? []).map((d) => `CI command: ${d}`),
  ];
  const discarded = [...new Set([...(first.discarded ?? []), ...(second.discarded ?? [])])].sort();
  return {
    ...first,
    command: `${first.command} && ${second.command}`,
    crashed: first.crashed || second.crashed,
    exitCode: first.exitCode === 0 ? second.exitCode : first.exitCode,
    timedOut: first.timedOut || second.timedOut,
    durationMs: first.durationMs + second.durationMs,
    totals: countTotals(tests),
    tests,
    outputTail: `${first.outputTail}\n--- ${second.command} ---\n${second.outputTail}`,
    ...(notes.length === 0 ? {} : { notes }),
    ...(disagreements.length === 0 ? {} : { disagreements }),
    ...(discarded.length === 0 ? {} : { discarded }),
  };
}
