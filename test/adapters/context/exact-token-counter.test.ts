import { describe, expect, it } from 'vitest';
import {
  calibrateTokenCount,
  createExactTokenCounter,
  type TokenCountingClient,
} from '../../../src/adapters/context/exact-token-counter.ts';
import { countTokens } from '../../../src/core/text/count-tokens.ts';

/** A stand-in for the SDK client: 7 tokens of request framing plus one token per word. */
function fakeClient(calls: string[]): TokenCountingClient {
  return {
    messages: {
      countTokens: async ({ model, messages }) => {
        calls.push(`${model}:${messages[0]!.content}`);
        return { input_tokens: 7 + messages[0]!.content.split(/\s+/).filter(Boolean).length };
      },
    },
  };
}

describe('createExactTokenCounter', () => {
  it('subtracts the request framing, measured once', async () => {
    const calls: string[] = [];
    const count = createExactTokenCounter(fakeClient(calls), 'claude-test');
    expect(await count('one two three')).toBe(3);
    expect(await count('four five')).toBe(2);
    expect(await count('')).toBe(0);
    expect(calls.filter((c) => c === 'claude-test:a')).toHaveLength(2); // framing once, plus the empty text
    expect(calls).toContain('claude-test:one two three');
  });
});

describe('calibrateTokenCount', () => {
  it('reports the heuristic error against exact counts', async () => {
    const texts = ['alpha beta gamma delta', 'export const value = compute(input);'];
    const exact = async (text: string): Promise<number> => countTokens(text) * 2; // the heuristic counts half
    const calibration = await calibrateTokenCount(texts, exact);
    expect(calibration).toMatchObject({ texts: 2, meanAbsoluteError: 0.5, bias: -0.5 });
    expect(calibration.rows).toEqual(texts.map((t) => ({ estimate: countTokens(t), exact: countTokens(t) * 2 })));
  });
});
