import type { ModelUsage } from '../../src/ports/model.ts';

/**
 * A price function for fakes, at Claude Sonnet 4.5's list prices (USD per million
 * tokens: input 3, output 15, 5-minute cache write 3.75, cache read 0.30).
 */
export const FAKE_PRICES = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 } as const;

export function fakeCostOf(usage: ModelUsage): number {
  return (
    (usage.inputTokens * FAKE_PRICES.input +
      usage.outputTokens * FAKE_PRICES.output +
      usage.cacheWriteTokens * FAKE_PRICES.cacheWrite +
      usage.cacheReadTokens * FAKE_PRICES.cacheRead) /
    1_000_000
  );
}
