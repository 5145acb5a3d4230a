import { countTotals } from '../../../src/core/testing/build-test-report.ts';
import type { TestCaseResult, TestReport, TestStatus } from '../../../src/ports/test-runner.ts';

/** A test case with only what a test cares about. */
export function testCase(id: string, status: TestStatus, extra: Partial<TestCaseResult> = {}): TestCaseResult {
  const [file, name] = id.includes('::') ? [id.slice(0, id.indexOf('::')), id.slice(id.indexOf('::') + 2)] : [null, id];
  return { id, name: name ?? id, file, status, ...extra };
}

/** A structured report over the given cases. */
export function report(tests: TestCaseResult[], extra: Partial<TestReport> = {}): TestReport {
  return {
    runner: 'vitest',
    command: 'npm test',
    crashed: false,
    structured: true,
    exitCode: tests.some((t) => t.status === 'failed' || t.status === 'errored') ? 1 : 0,
    timedOut: false,
    durationMs: 1234,
    totals: countTotals(tests),
    tests,
    outputTail: '',
    ...extra,
  };
}
