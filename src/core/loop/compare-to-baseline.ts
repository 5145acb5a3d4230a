import type { TestCaseResult, TestReport } from '../../ports/test-runner.ts';

/**
 * Each test id of the current run against the baseline. Only ids present in the
 * current report are classified, except `removed` (in the baseline, not now), which
 * is only meaningful when `current` is a full-suite run.
 */
export interface BaselineComparison {
  /** Passed (or was skipped) at baseline, fails now: blamed on the change. */
  newlyFailing: string[];
  /** Failed at baseline and still fails: not blamed. */
  stillFailing: string[];
  /** Failed at baseline, passes now. */
  fixed: string[];
  /** Not in the baseline, passes now. */
  newPassing: string[];
  /** Not in the baseline, fails now. */
  newFailing: string[];
  /** In the baseline, absent now. */
  removed: string[];
  /** Ran at baseline (passed or failed), skipped now. */
  nowSkipped: string[];
  unchangedPassing: string[];
}

const failing = (t: TestCaseResult): boolean => t.status === 'failed' || t.status === 'errored';

/** Classify `current` against `baseline` by test id. */
export function compareToBaseline(baseline: TestReport, current: TestReport): BaselineComparison {
  const before = new Map(baseline.tests.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const result: BaselineComparison = {
    newlyFailing: [], stillFailing: [], fixed: [], newPassing: [], newFailing: [], removed: [], nowSkipped: [], unchangedPassing: [],
  };
  for (const test of current.tests) {
    seen.add(test.id);
    const old = before.get(test.id);
    if (old === undefined) {
      if (failing(test)) result.newFailing.push(test.id);
      else if (test.status === 'passed') result.newPassing.push(test.id);
      continue;
    }
    if (test.status === 'skipped') {
      if (old.status !== 'skipped') result.nowSkipped.push(test.id);
    } else if (failing(test)) {
      (failing(old) ? result.stillFailing : result.newlyFailing).push(test.id);
    } else {
      (failing(old) ? result.fixed : result.unchangedPassing).push(test.id);
    }
  }
  for (const id of before.keys()) if (!seen.has(id)) result.removed.push(id);
  return result;
}
