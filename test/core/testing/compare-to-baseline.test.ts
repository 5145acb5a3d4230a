import { describe, expect, it } from 'vitest';
import { compareToBaseline, type BaselineCategory } from '../../../src/core/testing/compare-to-baseline.ts';
import type { TestStatus } from '../../../src/ports/test-runner.ts';
import { report, testCase } from './report-builders.ts';

describe('compareToBaseline', () => {
  it.each<[TestStatus | null, TestStatus | null, BaselineCategory]>([
    ['passed', 'failed', 'newly-failing'],
    ['passed', 'errored', 'newly-failing'],
    ['failed', 'failed', 'still-failing'],
    ['errored', 'failed', 'still-failing'],
    ['failed', 'passed', 'fixed'],
    [null, 'passed', 'new-passing'],
    [null, 'failed', 'new-failing'],
    ['skipped', 'passed', 'new-passing'],
    ['skipped', 'failed', 'new-failing'],
    ['passed', 'skipped', 'newly-skipped'],
    ['failed', 'skipped', 'newly-skipped'],
    [null, 'skipped', 'new-skipped'],
    ['skipped', 'skipped', 'still-skipped'],
    ['passed', null, 'removed'],
    ['failed', null, 'removed'],
    ['passed', 'passed', 'unchanged-passing'],
  ])('%s → %s is %s', (before, after, category) => {
    const baseline = report(before === null ? [] : [testCase('a.ts::t', before)]);
    const current = report(after === null ? [] : [testCase('a.ts::t', after)]);
    expect(compareToBaseline(baseline, current).entries).toEqual([{ id: 'a.ts::t', category, before, after }]);
  });

  const baseline = report([
    testCase('a::keeps passing', 'passed'),
    testCase('a::breaks', 'passed'),
    testCase('a::was broken', 'failed'),
    testCase('a::gets fixed', 'failed'),
    testCase('a::deleted', 'passed'),
    testCase('a::gets skipped', 'passed'),
  ]);
  const current = report([
    testCase('a::keeps passing', 'passed'),
    testCase('a::breaks', 'failed'),
    testCase('a::was broken', 'failed'),
    testCase('a::gets fixed', 'passed'),
    testCase('a::gets skipped', 'skipped'),
    testCase('b::new', 'passed'),
  ]);

  it('groups ids by category and flags a regression', () => {
    const comparison = compareToBaseline(baseline, current);
    expect(comparison.byCategory).toEqual({
      'newly-failing': ['a::breaks'],
      'still-failing': ['a::was broken'],
      fixed: ['a::gets fixed'],
      'new-passing': ['b::new'],
      'new-failing': [],
      'newly-skipped': ['a::gets skipped'],
      'new-skipped': [],
      'still-skipped': [],
      removed: ['a::deleted'],
      'unchanged-passing': ['a::keeps passing'],
    });
    expect(comparison.regressed).toBe(true);
  });

  it('does not blame a change for failures that were already there', () => {
    const fixedOnly = report([testCase('a::was broken', 'failed'), testCase('a::keeps passing', 'passed')]);
    expect(
      compareToBaseline(
        report([testCase('a::was broken', 'failed'), testCase('a::keeps passing', 'passed')]),
        fixedOnly,
      ).regressed,
    ).toBe(false);
  });

  it('counts a crash that did not exist before as a regression', () => {
    expect(compareToBaseline(report([testCase('a::x', 'passed')]), report([], { crashed: true })).regressed).toBe(true);
    expect(compareToBaseline(report([], { crashed: true }), report([], { crashed: true })).regressed).toBe(false);
  });

  it('does not call tests removed when only a subset ran', () => {
    const subset = report([testCase('a::breaks', 'passed')]);
    const comparison = compareToBaseline(baseline, subset, { subset: true });
    expect(comparison.entries).toEqual([
      { id: 'a::breaks', category: 'unchanged-passing', before: 'passed', after: 'passed' },
    ]);
  });
});
