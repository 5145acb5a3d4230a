import { describe, expect, it } from 'vitest';
import { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { effectiveBudgets } from '../../../src/core/loop/effective-budgets.ts';
import { budgetUsage } from '../../../src/core/report/budget-usage.ts';
import { loopReport } from '../../action/job-result.ts';

describe('effectiveBudgets', () => {
  it.each([
    [{}, 50, 19],
    [{ budgets: { maxIterations: 2 } }, 20, 10],
    [{ budgets: { maxIterations: 2 }, tests: { flakinessReruns: 0 } }, 20, 7],
    [{ budgets: { maxIterations: 2, maxModelCalls: 7, maxTestRuns: 4 } }, 7, 4],
  ])('%j → %i model calls, %i test runs', (input, calls, runs) => {
    const budgets = effectiveBudgets(RepoConfig.parse(input));
    expect(budgets.maxModelCalls).toBe(calls);
    expect(budgets.maxTestRuns).toBe(runs);
  });

  it('says which counts were derived from the rounds', () => {
    expect(effectiveBudgets(RepoConfig.parse({ budgets: { maxTestRuns: 4 } })).derived).toEqual({
      maxModelCalls: true,
      maxTestRuns: false,
    });
  });

  it('refuses a test-run budget that cannot hold the baseline and one validation', () => {
    expect(RepoConfig.safeParse({ budgets: { maxTestRuns: 1 } }).success).toBe(false);
  });
});

describe('budgetUsage', () => {
  it('puts every figure next to its budget, in minutes where time is concerned', () => {
    const report = loopReport({ testMs: 90_000, wallMs: 150_000 });
    expect(budgetUsage(report)).toEqual({
      rounds: { used: 1, max: 5 },
      modelCalls: { used: 0, max: 50 },
      testRuns: { used: 3, max: 19 },
      testMinutes: { used: 1.5, max: null },
      tokens: { used: 1200, max: 2_000_000 },
      costUsd: { used: 0.0123, max: 5 },
      wallMinutes: { used: 2.5, max: 30 },
    });
  });
});
