import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../src/core/text/count-tokens.ts';

describe('countTokens', () => {
  it('is zero for empty text and positive otherwise', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('a')).toBeGreaterThan(0);
  });

  // Reference counts from @anthropic-ai/tokenizer 0.0.4 (the published Claude tokenizer);
  // the heuristic must stay within 20% on each of these small samples.
  it.each([
    ['prose', 'The quick brown fox jumps over the lazy dog. It was not amused, and said so at length.', 21],
    [
      'typescript',
      'export function levelIndex(level: RiskLevel): number {\n  return RISK_LEVELS.indexOf(level);\n}\n',
      28,
    ],
    [
      'python',
      'def parse_date(value: str) -> datetime:\n    """Parse an ISO date."""\n    return datetime.fromisoformat(value)\n',
      29,
    ],
  ])('is close to the reference tokenizer on %s', (_kind, text, reference) => {
    const estimate = countTokens(text);
    expect(Math.abs(estimate - reference) / reference).toBeLessThan(0.2);
  });

  it('counts camelCase humps, indentation and non-ASCII as extra tokens', () => {
    expect(countTokens('getUserAccountName')).toBeGreaterThan(countTokens('getuseraccountname'));
    expect(countTokens('a\n        b')).toBeGreaterThan(countTokens('a\nb'));
    expect(countTokens('日本語のテキスト')).toBeGreaterThan(countTokens('nihongo'));
  });

  it('grows linearly with the text', () => {
    const one = countTokens('const value = compute(input);\n');
    expect(countTokens('const value = compute(input);\n'.repeat(100))).toBeGreaterThanOrEqual(one * 95);
  });
});
