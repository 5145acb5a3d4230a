import { describe, expect, it } from 'vitest';
import { checkCallBudget, checkTimeBudget, worstCaseCallCost } from '../../../src/core/loop/budget-guard.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { fakeCostOf } from '../../fakes/fake-cost.ts';

const budgets = { ...defaultConfig().budgets, maxTokens: 100_000, maxCostUsd: 1, maxMinutes: 10 };

describe('budget guard', () => {
  it('prices the worst case at the dearer of input and cache-write, plus the full output allowance', () => {
    // 10k tokens × $3.75/M (cache write beats input's $3) + 2k × $15/M
    expect(worstCaseCallCost(fakeCostOf, 10_000, 2_000)).toBeCloseTo(0.0375 + 0.03, 10);
  });

  it.each([
    [
      'everything fits',
      { tokens: 0, costUsd: 0, elapsedMs: 0 },
      { estimatedInputTokens: 1000, maxOutputTokens: 1000, worstCaseCostUsd: 0.1 },
      null,
    ],
    [
      'exactly at the token budget is allowed',
      { tokens: 98_000, costUsd: 0, elapsedMs: 0 },
      { estimatedInputTokens: 1000, maxOutputTokens: 1000, worstCaseCostUsd: 0 },
      null,
    ],
    [
      'one token over',
      { tokens: 98_001, costUsd: 0, elapsedMs: 0 },
      { estimatedInputTokens: 1000, maxOutputTokens: 1000, worstCaseCostUsd: 0 },
      'token-budget',
    ],
    [
      'exactly at the dollar budget is allowed',
      { tokens: 0, costUsd: 0.75, elapsedMs: 0 },
      { estimatedInputTokens: 1, maxOutputTokens: 1, worstCaseCostUsd: 0.25 },
      null,
    ],
    [
      'a cent over',
      { tokens: 0, costUsd: 0.76, elapsedMs: 0 },
      { estimatedInputTokens: 1, maxOutputTokens: 1, worstCaseCostUsd: 0.25 },
      'cost-budget',
    ],
    [
      'unpriced',
      { tokens: 0, costUsd: 0, elapsedMs: 0 },
      { estimatedInputTokens: 1, maxOutputTokens: 1, worstCaseCostUsd: Number.NaN },
      'cost-budget',
    ],
    [
      'time is up (checked first)',
      { tokens: 99_999, costUsd: 0.99, elapsedMs: 600_000 },
      { estimatedInputTokens: 1, maxOutputTokens: 1, worstCaseCostUsd: 0 },
      'time-budget',
    ],
  ] as const)('%s', (_name, state, next, code) => {
    expect(checkCallBudget(budgets, state, next)?.code ?? null).toBe(code);
  });

  it('explains the time stop with the elapsed time', () => {
    expect(checkTimeBudget(budgets, 599_999)).toBeNull();
    expect(checkTimeBudget(budgets, 630_000)).toEqual({
      code: 'time-budget',
      message: 'The wall-time budget of 10 min was used up (10.5 min elapsed).',
    });
  });
});

describe('worstCaseCallCost with step pricing', () => {
  it('prices input and output as one call, so a long-prompt rate applies to the output too', () => {
    // $1/M below 100k prompt tokens, $10/M above, for every kind of token
    const stepped = (u: {
      inputTokens: number;
      outputTokens: number;
      cacheWriteTokens: number;
      cacheReadTokens: number;
    }): number => {
      const prompt = u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens;
      const rate = prompt > 100_000 ? 10 : 1;
      return ((prompt + u.outputTokens) * rate) / 1_000_000;
    };
    expect(worstCaseCallCost(stepped, 200_000, 10_000)).toBeCloseTo(2.1, 10);
    expect(worstCaseCallCost(() => Number.NaN, 1, 1)).toBeNaN();
  });
});
