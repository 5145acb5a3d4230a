import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../../../src/core/testing/compare-to-baseline.ts';
import { judgeReport, scoreAtLeast, scoreReport } from '../../../src/core/loop/judge-report.ts';
import type { TestCaseResult, TestReport } from '../../../src/ports/test-runner.ts';

const report = (tests: [string, TestCaseResult['status']][], extra: Partial<TestReport> = {}): TestReport => {
  const n = (s: string): number => tests.filter(([, st]) => st === s).length;
  return {
    runner: 'fake',
    command: 'npm test',
    crashed: false,
    structured: true,
    exitCode: n('failed') + n('errored') > 0 ? 1 : 0,
    timedOut: false,
    durationMs: 0,
    totals: {
      passed: n('passed'),
      failed: n('failed'),
      errored: n('errored'),
      skipped: n('skipped'),
      total: tests.length,
    },
    outputTail: '',
    tests: tests.map(([id, status]) => ({ id, name: id, file: 'a.test.ts', status })),
    ...extra,
  };
};

const baseline = report([
  ['a', 'passed'],
  ['old', 'failed'],
  ['skipped', 'skipped'],
]);
const judge = (current: TestReport, mustFix = false): string | null =>
  judgeReport(current, compareToBaseline(baseline, current), { baseline, mustFixBaselineFailures: mustFix });

describe('judgeReport', () => {
  it.each<[string, TestReport, boolean, string | null]>([
    [
      'pre-existing failure only',
      report([
        ['a', 'passed'],
        ['old', 'failed'],
        ['new', 'passed'],
      ]),
      false,
      null,
    ],
    [
      'pre-existing failure when it must be fixed',
      report([
        ['a', 'passed'],
        ['old', 'failed'],
      ]),
      true,
      '1 failing test(s) still fail: old',
    ],
    [
      'a baseline test broken',
      report([
        ['a', 'failed'],
        ['old', 'failed'],
      ]),
      false,
      '1 test(s) fail because of the change: a',
    ],
    [
      'a new test failing',
      report([
        ['a', 'passed'],
        ['old', 'failed'],
        ['n', 'errored'],
      ]),
      false,
      '1 test(s) fail because of the change: n',
    ],
    [
      'a test skipped at baseline failing now',
      report([
        ['a', 'passed'],
        ['old', 'failed'],
        ['skipped', 'failed'],
      ]),
      false,
      '1 test(s) fail because of the change: skipped',
    ],
    ['crashed', report([], { crashed: true, exitCode: 2 }), false, 'the test suite could not run (exit code 2)'],
    ['unstructured success', report([], { structured: false, exitCode: 0 }), false, null],
    [
      'unstructured failure',
      report([], { structured: false, exitCode: 1 }),
      false,
      'the test command failed (exit code 1) and reported no per-test results',
    ],
  ])('%s', (_name, current, mustFix, expected) => {
    expect(judge(current, mustFix)).toBe(expected);
  });

  it('rejects a failing command without failing tests when the baseline command succeeded', () => {
    const green = report([['a', 'passed']]);
    const current = report([['a', 'passed']], { exitCode: 1 });
    expect(
      judgeReport(current, compareToBaseline(green, current), { baseline: green, mustFixBaselineFailures: false }),
    ).toBe('the test command failed (exit code 1) although no test failed; see the output');
  });
});

describe('scoreReport', () => {
  it('prefers fewer broken baseline tests, then more passing, then fewer failing', () => {
    const broken = scoreReport(
      report([
        ['a', 'failed'],
        ['x', 'passed'],
        ['y', 'passed'],
      ]),
      compareToBaseline(baseline, report([['a', 'failed']])),
    );
    const fine = scoreReport(report([['a', 'passed']]), compareToBaseline(baseline, report([['a', 'passed']])));
    expect(broken).toEqual([-1, 2, -1]);
    expect(fine).toEqual([0, 1, 0]);
    expect(scoreAtLeast(fine as number[], broken as number[])).toBe(true);
    expect(scoreAtLeast([0, 1, -2], [0, 1, -1])).toBe(false);
    expect(scoreAtLeast([0, 1, -1], [0, 1, -1])).toBe(true);
    expect(scoreReport(report([], { crashed: true }), compareToBaseline(baseline, report([])))).toBeNull();
  });
});

describe('a report that disagrees with the runner’s own summary (docs/security.md §28)', () => {
  const forged = report(
    [
      ['a', 'passed'],
      ['old', 'passed'],
    ],
    { disagreements: ["the command exited 0 although vitest's own summary counts 2 failing test(s)"] },
  );

  it('never passes, and says why', () => {
    expect(judge(forged)).toBe(
      "the test report cannot be trusted: the command exited 0 although vitest's own summary counts 2 failing test(s)",
    );
  });

  it('is never a candidate for the best state', () => {
    expect(scoreReport(forged, compareToBaseline(baseline, forged))).toBeNull();
  });
});
