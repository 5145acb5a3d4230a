import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/core/config/edit-distance.ts';
import { suggestKey } from '../../../src/core/config/suggest-key.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['maxIterations', 'maxIterations', 0],
    ['maxIteration', 'maxIterations', 1],
    ['maxIterationz', 'maxIterations', 1],
    ['hihg', 'high', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('suggestKey', () => {
  const budgets = ['maxIterations', 'maxTokens', 'maxCostUsd', 'maxMinutes'];
  it.each([
    ['maxIteration', budgets, 'maxIterations'],
    ['max_iterations', budgets, 'maxIterations'],
    ['MAXTOKENS', budgets, 'maxTokens'],
    ['max-cost-usd', budgets, 'maxCostUsd'],
    ['maxMinute', budgets, 'maxMinutes'],
    ['maxTokns', budgets, 'maxTokens'],
    ['hihg', ['low', 'low-medium', 'medium', 'high', 'critical'], 'high'],
    ['lowmedium', ['low', 'low-medium', 'medium'], 'low-medium'],
    ['speed', budgets, undefined],
    ['max', budgets, undefined],
    ['lw', ['low', 'high'], 'low'],
    ['hgh', ['low', 'high'], 'high'],
    ['xyz', ['low', 'high'], undefined],
    ['anything', [], undefined],
  ])('%s among %j → %s', (key, candidates, expected) => {
    expect(suggestKey(key, candidates)).toBe(expected);
  });
});
