import type { TestReport, TestStatus } from '../../ports/test-runner.ts';

export interface FlakinessEntry {
  id: string;
  runs: number;
  passed: number;
  /** Runs where the test failed or errored. */
  failed: number;
  /** Runs where the test did not appear or was skipped. */
  missing: number;
  /** `stable`: passed every run; `flaky`: failed, errored, was skipped or missing at least once. */
  verdict: 'stable' | 'flaky';
}

export interface FlakinessResult {
  entries: FlakinessEntry[];
  flaky: string[];
  stable: string[];
}

/**
 * Decide which tests are reliable from N rerun reports: a test that does not pass in
 * every run (fails, errors, is skipped or disappears even once) is flaky. `ids`
 * limits the decision to given tests (e.g. the generated ones); by default every test
 * seen in any run is judged.
 */
export function detectFlakyTests(reports: readonly TestReport[], ids?: readonly string[]): FlakinessResult {
  const wanted = ids ?? [...new Set(reports.flatMap((r) => r.tests.map((t) => t.id)))];
  const statuses = reports.map((r) => new Map<string, TestStatus>(r.tests.map((t) => [t.id, t.status])));
  const entries = wanted.map((id): FlakinessEntry => {
    let passed = 0;
    let failed = 0;
    let missing = 0;
    for (const run of statuses) {
      const status = run.get(id);
      if (status === 'passed') passed += 1;
      else if (status === 'failed' || status === 'errored') failed += 1;
      else missing += 1;
    }
    const verdict = reports.length > 0 && passed === reports.length ? 'stable' : 'flaky';
    return { id, runs: reports.length, passed, failed, missing, verdict };
  });
  return {
    entries,
    flaky: entries.filter((e) => e.verdict === 'flaky').map((e) => e.id),
    stable: entries.filter((e) => e.verdict === 'stable').map((e) => e.id),
  };
}
