import { describe, expect, it } from 'vitest';
import { crossCheckReport } from '../../../src/core/testing/cross-check-report.ts';
import type { RunnerSummary } from '../../../src/core/testing/runner-summary.ts';
import type { TestCaseResult, TestReport } from '../../../src/ports/test-runner.ts';

const test = (name: string, status: TestCaseResult['status']): TestCaseResult => ({
  id: `t.test.ts::${name}`,
  name,
  file: 't.test.ts',
  status,
});

function report(exitCode: number, tests: TestCaseResult[], structured = true): TestReport {
  return {
    runner: 'vitest',
    command: 'npm test',
    crashed: false,
    structured,
    exitCode,
    timedOut: false,
    durationMs: 1,
    totals: { passed: 0, failed: 0, errored: 0, skipped: 0, total: tests.length },
    tests,
    outputTail: '',
  };
}
const summary = (failed: number, passed: number, exact = true): RunnerSummary => ({
  failed,
  passed,
  exact,
  lines: 1,
  conflicting: [],
});

describe('crossCheckReport (docs/security.md §28)', () => {
  it('finds nothing when the report, the exit code and the summary agree', () => {
    expect(crossCheckReport(report(0, [test('a', 'passed')]), summary(0, 1))).toEqual([]);
    expect(crossCheckReport(report(1, [test('a', 'failed'), test('b', 'passed')]), summary(1, 1))).toEqual([]);
    expect(crossCheckReport(report(1, [test('a', 'failed')]), null)).toEqual([]);
  });

  it('catches a rewritten report and a forced exit code: all green, exit 0, while vitest counted failures', () => {
    expect(crossCheckReport(report(0, [test('a', 'passed'), test('b', 'passed')]), summary(3, 2))).toEqual([
      "the command exited 0 although vitest's own summary counts 3 failing test(s)",
      "vitest's own summary counts 3 failing test(s), but its machine-readable report lists 0",
    ]);
  });

  it('catches a report that hides some failures, when the runner counts exactly', () => {
    const partial = report(1, [test('a', 'failed'), test('b', 'passed')]);
    expect(crossCheckReport(partial, summary(3, 1))).toEqual([
      "vitest's own summary counts 3 failing test(s), but its machine-readable report lists 1",
    ]);
    // node:test also counts a test whose subtest failed: only "none" against "some" is a disagreement.
    expect(crossCheckReport(partial, summary(3, 1, false))).toEqual([]);
    expect(crossCheckReport(report(1, [test('b', 'passed')]), summary(2, 1, false))).toHaveLength(1);
  });

  it('does not count the synthetic suite case as a test the runner counted', () => {
    const suite: TestCaseResult = { id: '(suite)', name: 'test command', file: null, status: 'errored' };
    expect(crossCheckReport(report(1, [test('a', 'passed'), suite]), summary(1, 1))).toHaveLength(1);
  });

  it('checks the exit code against the summary even without a structured report', () => {
    expect(crossCheckReport(report(0, [], false), summary(2, 0))).toEqual([
      "the command exited 0 although vitest's own summary counts 2 failing test(s)",
    ]);
  });

  it('names two different summaries in one run', () => {
    const twice: RunnerSummary = {
      ...summary(3, 2),
      lines: 2,
      conflicting: ['Tests  3 failed (5)', 'Tests  5 passed (5)'],
    };
    expect(crossCheckReport(report(1, [test('a', 'failed'), test('b', 'failed'), test('c', 'failed')]), twice)).toEqual(
      [
        'the output holds 2 different vitest summaries ("Tests  3 failed (5)", "Tests  5 passed (5)") where one run prints one',
      ],
    );
  });
});
