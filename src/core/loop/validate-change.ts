/**
 * Validate the working tree after a model turn: the engine runs the tests related to
 * the change, then (if they pass) the full suite, and rejects test tampering. Every
 * full-suite state that is not tampered with is a candidate for the best state.
 */
import type { TestReport } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import type { BaselineComparison } from '../testing/compare-to-baseline.ts';
import { detectDiffTampering, detectReportTampering, type TamperFinding } from './detect-test-tampering.ts';
import { taskText } from '../task/task-text.ts';
import { judgeReport, scoreAtLeast, scoreReport } from './judge-report.ts';
import { compare, ownChanges, runSuite, testRunsLeft, type LoopSession } from './loop-session.ts';

export type Validation =
  | { kind: 'no-changes' }
  /** A budget (wall time, test runs) forbade a run: `stopReason(s)` says which. */
  | { kind: 'out-of-budget' }
  | { kind: 'tampered'; findings: TamperFinding[] }
  | { kind: 'failed'; scope: 'related' | 'full'; report: TestReport; why: string }
  | { kind: 'passed'; report: TestReport; comparison: BaselineComparison; changes: FileChange[] };

export async function validateChange(s: LoopSession, options: { relatedFirst: boolean }): Promise<Validation> {
  const changes = await ownChanges(s);
  if (changes.length === 0) return { kind: 'no-changes' };
  const diffFindings = detectDiffTampering(changes, { taskText: taskText(s.request.task) });
  if (diffFindings.length > 0) return { kind: 'tampered', findings: diffFindings };
  const baseline = s.baseline as TestReport;
  const judge = { baseline, mustFixBaselineFailures: s.request.mustFixBaselineFailures === true };

  // The related run only saves time when the full run, the verification reruns, the fail-before-fix
  // run and the fresh-checkout run can still follow it within the test-run budget; otherwise the
  // full suite runs directly.
  if (options.relatedFirst && testRunsLeft(s) >= 4 + s.request.config.tests.flakinessReruns) {
    const related = await runSuite(s, { changedFiles: changes.map((c) => c.path) }, 'related');
    if (related === null) return { kind: 'out-of-budget' };
    // Tests not selected are not failures: judge only what ran, and only when it ran something.
    if (related.crashed || !related.structured || related.totals.total > 0) {
      const why = judgeReport(related, compare(s, related), { ...judge, mustFixBaselineFailures: false });
      if (why !== null) {
        // Skip the full suite, but keep the state as a candidate: tests that did not run
        // count as they were at baseline (confirmed by a full run if it ends up best).
        const estimate = mergeWithBaseline(baseline, related);
        await considerBest(s, estimate, compare(s, estimate), true);
        return { kind: 'failed', scope: 'related', report: related, why };
      }
    }
  }

  const full = await runSuite(s, undefined, 'full');
  if (full === null) return { kind: 'out-of-budget' };
  const comparison = compare(s, full);
  const reportFindings = detectReportTampering(baseline, full, changes);
  if (reportFindings.length > 0) return { kind: 'tampered', findings: reportFindings };
  await considerBest(s, full, comparison, false);
  const why = judgeReport(full, comparison, judge);
  if (why !== null) return { kind: 'failed', scope: 'full', report: full, why };
  return { kind: 'passed', report: full, comparison, changes };
}

/** Record the current tree as the best state when it scores at least as well (later wins ties). */
export async function considerBest(
  s: LoopSession,
  report: TestReport,
  comparison: BaselineComparison,
  provisional: boolean,
): Promise<void> {
  const score = scoreReport(report, comparison);
  if (score === null) return;
  if (s.best !== null && !scoreAtLeast(score, s.best.score)) return;
  const checkpoint = await s.deps.checkpoints.save(`iteration-${s.iteration}`);
  const diff = await s.deps.workspace.diff(s.request.task.baseSha);
  s.best = { checkpoint, score, iteration: s.iteration, diff, report, provisional };
}

/**
 * A full-suite estimate from a subset run: the subset's results replace the baseline's
 * for the tests that ran, the others keep their baseline status.
 */
export function mergeWithBaseline(baseline: TestReport, subset: TestReport): TestReport {
  if (subset.crashed || !subset.structured || !baseline.structured) return subset;
  const ran = new Map(subset.tests.map((t) => [t.id, t]));
  const tests = [
    ...baseline.tests.map((t) => ran.get(t.id) ?? t),
    ...subset.tests.filter((t) => !baseline.tests.some((b) => b.id === t.id)),
  ];
  const count = (...statuses: string[]): number => tests.filter((t) => statuses.includes(t.status)).length;
  return {
    ...subset,
    totals: {
      passed: count('passed'),
      failed: count('failed'),
      errored: count('errored'),
      skipped: count('skipped'),
      total: tests.length,
    },
    tests,
  };
}
