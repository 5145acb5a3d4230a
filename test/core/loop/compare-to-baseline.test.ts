import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../../../src/core/loop/compare-to-baseline.ts';
import type { TestCaseResult, TestReport } from '../../../src/ports/test-runner.ts';

const report = (tests: [string, TestCaseResult['status']][]): TestReport => ({
  runner: 'fake', command: 'npm test', crashed: false, structured: true, exitCode: 0, timedOut: false, durationMs: 0,
  totals: { passed: 0, failed: 0, errored: 0, skipped: 0, total: tests.length }, outputTail: '',
  tests: tests.map(([id, status]) => ({ id, name: id, file: 'a.test.ts', status })),
});

describe('compareToBaseline', () => {
  it('classifies every test id', () => {
    const baseline = report([['keep', 'passed'], ['break', 'passed'], ['still', 'failed'], ['fix', 'errored'], ['gone', 'passed'], ['skip', 'passed'], ['wasSkipped', 'skipped']]);
    const current = report([['keep', 'passed'], ['break', 'errored'], ['still', 'failed'], ['fix', 'passed'], ['skip', 'skipped'], ['wasSkipped', 'failed'], ['newOk', 'passed'], ['newBad', 'failed'], ['newSkip', 'skipped']]);
    expect(compareToBaseline(baseline, current)).toEqual({
      newlyFailing: ['break', 'wasSkipped'],
      stillFailing: ['still'],
      fixed: ['fix'],
      newPassing: ['newOk'],
      newFailing: ['newBad'],
      removed: ['gone'],
      nowSkipped: ['skip'],
      unchangedPassing: ['keep'],
    });
  });
});
