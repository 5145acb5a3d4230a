import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../src/core/loop/estimate-tokens.ts';
import { renderWithPreExisting } from '../../../src/core/prompt/render-with-pre-existing.ts';
import type { TestCaseResult, TestReport } from '../../../src/ports/test-runner.ts';

const failure = (id: string, message: string): TestCaseResult => ({
  id,
  name: id,
  file: 'src/a.test.ts',
  status: 'failed',
  line: 3,
  message,
  stack: 'at a\nat b',
});
const report = (tests: TestCaseResult[], extra: Partial<TestReport> = {}): TestReport => ({
  runner: 'vitest',
  command: 'npx vitest run',
  crashed: false,
  structured: true,
  exitCode: 1,
  timedOut: false,
  durationMs: 10,
  totals: { passed: 1, failed: tests.length, errored: 0, skipped: 0, total: tests.length + 1 },
  tests,
  outputTail: 'tail of output',
  ...extra,
});

describe('renderWithPreExisting', () => {
  it("details the change's failures with message and stack, and names pre-existing ones by id after them", () => {
    const text = renderWithPreExisting(
      report([failure('old', 'was broken'), failure('mine', 'expected 1 to be 2')]),
      2000,
      new Set(['old']),
    );
    expect(text).toBe(
      [
        'Tests: 2 failed, 1 passed (3 total) — `npx vitest run` (vitest), exit code 1, 0.0 s',
        '',
        'FAILED src/a.test.ts:3 — mine',
        '  expected 1 to be 2',
        '  at a',
        '  at b',
        'Pre-existing failures (already failing before the change; not caused by it): old',
      ].join('\n'),
    );
  });

  it('is the plain report when no failure predates the change', () => {
    const text = renderWithPreExisting(report([failure('mine', 'expected 1 to be 2')]), 2000, new Set(['gone']));
    expect(text).not.toContain('Pre-existing');
    expect(text).toContain('FAILED src/a.test.ts:3 — mine');
  });

  it('stays within its budget and says how many failures it left out', () => {
    const many = Array.from({ length: 50 }, (_, i) => failure(`t${i}`, 'x'.repeat(100)));
    const text = renderWithPreExisting(report(many), 1000, new Set());
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).toMatch(/\[… \d+ more failing tests not shown: t\d+/);
  });

  it('stays within its budget with many pre-existing failures too', () => {
    const old = Array.from({ length: 80 }, (_, i) => failure(`old${i}`, 'y'.repeat(100)));
    const text = renderWithPreExisting(
      report([...old, failure('mine', 'z'.repeat(100))]),
      1000,
      new Set(old.map((t) => t.id)),
    );
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).toContain('FAILED src/a.test.ts:3 — mine');
    expect(text).not.toContain('FAILED src/a.test.ts:3 — old1');
    expect(text).toMatch(/Pre-existing failures .*: old0, old1, .* …$/);
  });

  it('shows the output tail when the suite crashed, keeping its end', () => {
    const text = renderWithPreExisting(
      report([], { crashed: true, outputTail: `${'noise\n'.repeat(500)}SyntaxError: here` }),
      500,
      new Set(),
    );
    expect(text.length).toBeLessThanOrEqual(500);
    expect(text).toContain('The test suite could not run (crashed)');
    expect(text).toMatch(/\[… \d+ chars cut\]/);
    expect(text.endsWith('SyntaxError: here')).toBe(true);
  });

  it("uses an injected renderer for the change's failures", () => {
    const text = renderWithPreExisting(
      report([failure('old', 'x'), failure('mine', 'y')]),
      500,
      new Set(['old']),
      (r, budget) => `${r.tests.map((t) => t.id).join('+')} in ${budget}`,
    );
    expect(text).toBe('mine in 419\nPre-existing failures (already failing before the change; not caused by it): old');
  });
});

describe('estimateTokens', () => {
  it('over-estimates: 3 ASCII characters or 1 other character per token', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcdef')).toBe(2);
    expect(estimateTokens('abcdefg')).toBe(3);
    expect(estimateTokens('日本語')).toBe(3);
  });
});
