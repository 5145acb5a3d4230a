import { describe, expect, it } from 'vitest';
import { costOfUsage, requirePrice, resolvePrice } from '../../../src/core/cost/cost-of-usage.ts';
import { addUsage, totalTokens, ZERO_USAGE } from '../../../src/core/cost/add-usage.ts';
import { BUILTIN_PRICES, normalizeModelId } from '../../../src/core/cost/price-table.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const MTOK = 1_000_000;

describe('normalizeModelId', () => {
  it.each([
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
    ['claude-opus-4-8[1m]', 'claude-opus-4-8'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-7', 'claude-opus-4-7'],
    ['Claude-Sonnet-5', 'claude-sonnet-5'],
  ])('%s → %s', (model, key) => {
    expect(normalizeModelId(model)).toBe(key);
  });
});

describe('costOfUsage', () => {
  it('prices each kind of token, cache writes at 1.25× and reads at 0.1× of input', () => {
    const cost = costOfUsage('claude-sonnet-4-6', {
      inputTokens: MTOK,
      outputTokens: MTOK,
      cacheWriteTokens: MTOK,
      cacheReadTokens: MTOK,
    });

    expect(cost).toEqual({
      priced: true,
      usd: 3 + 15 + 3.75 + 0.3,
      breakdown: { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
      price: { pricing: BUILTIN_PRICES['claude-sonnet-4-6'], source: 'builtin', key: 'claude-sonnet-4-6' },
    });
  });

  it.each([
    ['claude-opus-4-8', 5, 25, 6.25, 0.5],
    ['claude-opus-4-1', 15, 75, 18.75, 1.5],
    ['claude-haiku-4-5-20251001', 1, 5, 1.25, 0.1],
    ['claude-opus-5-5', 4, 20, 5, 0.2],
    ['claude-sonnet-5-5', 2, 10, 2.5, 0.1],
  ])('uses the built-in price of %s', (model, input, output, cacheWrite, cacheRead) => {
    const cost = costOfUsage(model, {
      inputTokens: MTOK,
      outputTokens: MTOK,
      cacheWriteTokens: MTOK,
      cacheReadTokens: MTOK,
    });

    expect(cost.priced ? cost.breakdown : undefined).toEqual({ input, output, cacheWrite, cacheRead });
  });

  it('keeps cache writes at 1.25× input across the table (Haiku 3 is listed rounded to $0.30)', () => {
    for (const [model, price] of Object.entries(BUILTIN_PRICES)) {
      expect([model, Math.abs(price.cacheWrite - price.input * 1.25) <= 0.013]).toEqual([model, true]);
    }
  });

  it('switches Haiku 5.5 to its long-prompt rates above 100k prompt tokens, output included', () => {
    const short = costOfUsage('claude-haiku-5-5', {
      inputTokens: 50_000,
      outputTokens: MTOK,
      cacheWriteTokens: 0,
      cacheReadTokens: 50_000,
    });
    const long = costOfUsage('claude-haiku-5-5', {
      inputTokens: 50_001,
      outputTokens: MTOK,
      cacheWriteTokens: 0,
      cacheReadTokens: 50_000,
    });

    expect(short.priced ? short.breakdown.output : undefined).toBe(0.5);
    expect(long.priced ? long.breakdown.output : undefined).toBe(2.5);
  });

  it('lets model.prices override the table and add new models', () => {
    const overrides = {
      'claude-sonnet-4-6': { input: 1, output: 2, cacheWrite: 3, cacheRead: 4 },
      'qwen2.5-coder:32b': { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
    };

    const overridden = costOfUsage('claude-sonnet-4-6-20260101', { ...ZERO_USAGE, inputTokens: MTOK }, overrides);
    const local = costOfUsage('qwen2.5-coder:32b', { ...ZERO_USAGE, outputTokens: MTOK }, overrides);

    expect(overridden).toMatchObject({ priced: true, usd: 1, price: { source: 'config', key: 'claude-sonnet-4-6' } });
    expect(local).toMatchObject({ priced: true, usd: 0, price: { source: 'config', key: 'qwen2.5-coder:32b' } });
  });

  it('reports an unknown model as unpriced, never as $0', () => {
    const cost = costOfUsage('llama3.1:70b', { ...ZERO_USAGE, inputTokens: 10 });

    expect(cost).toEqual({
      priced: false,
      model: 'llama3.1:70b',
      reason: expect.stringContaining('model.prices') as string,
    });
  });

  it('does not match prototype keys as prices', () => {
    expect(resolvePrice('constructor')).toBeUndefined();
  });
});

describe('requirePrice', () => {
  it('returns the price of a known model', () => {
    expect(requirePrice('claude-opus-4-6').key).toBe('claude-opus-4-6');
  });

  it('fails closed with a config error that says how to add a price', () => {
    let error: unknown;
    try {
      requirePrice('my-finetune');
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'config-invalid')).toBe(true);
    expect((error as Error).message).toContain('model.prices: { "my-finetune": { input:');
  });
});

describe('usage arithmetic', () => {
  it('adds usages and counts every token for budgets', () => {
    const sum = addUsage(
      { inputTokens: 1, outputTokens: 2, cacheWriteTokens: 3, cacheReadTokens: 4 },
      { inputTokens: 10, outputTokens: 20, cacheWriteTokens: 30, cacheReadTokens: 40 },
    );

    expect(sum).toEqual({ inputTokens: 11, outputTokens: 22, cacheWriteTokens: 33, cacheReadTokens: 44 });
    expect(totalTokens(sum)).toBe(110);
  });
});
