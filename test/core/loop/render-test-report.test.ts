import { describe, expect, it } from 'vitest';
import { renderTestReport } from '../../../src/core/loop/render-test-report.ts';
import { estimateTokens } from '../../../src/core/loop/estimate-tokens.ts';
import type { TestCaseResult, TestReport } from '../../../src/ports/test-runner.ts';

const failure = (id: string, message: string): TestCaseResult => ({ id, name: id, file: 'src/a.test.ts', status: 'failed', line: 3, message, stack: 'at a\nat b' });
const report = (tests: TestCaseResult[], extra: Partial<TestReport> = {}): TestReport => ({
  runner: 'vitest', command: 'npx vitest run', crashed: false, structured: true, exitCode: 1, timedOut: false, durationMs: 10,
  totals: { passed: 1, failed: tests.length, errored: 0, skipped: 0, total: tests.length + 1 }, tests, outputTail: 'tail of output', ...extra,
});

describe('renderTestReport', () => {
  it('lists the change\'s failures with message and stack, and pre-existing ones by id', () => {
    const text = renderTestReport(report([failure('old', 'was broken'), failure('mine', 'expected 1 to be 2')]), 2000, new Set(['old']));
    expect(text).toBe([
      'Tests (`npx vitest run`): 1 passed, 2 failed, 0 errored, 0 skipped, 3 total.',
      'FAILED mine (src/a.test.ts:3)',
      '  expected 1 to be 2',
      '  at a',
      '  at b',
      'Pre-existing failures (already failing before the change; not caused by it): old',
    ].join('\n'));
  });

  it('stays within its budget and says how many failures it left out', () => {
    const many = Array.from({ length: 50 }, (_, i) => failure(`t${i}`, 'x'.repeat(100)));
    const text = renderTestReport(report(many), 1000);
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).toMatch(/\[… \d+ more failure\(s\) not shown\]$/);
  });

  it('shows the output tail when the suite crashed, keeping its end', () => {
    const text = renderTestReport(report([], { crashed: true, outputTail: `${'noise\n'.repeat(500)}SyntaxError: here` }), 500);
    expect(text.length).toBeLessThanOrEqual(500);
    expect(text).toContain('The test suite could not run (exit code 1)');
    expect(text).toContain('[… cut …]');
    expect(text.endsWith('SyntaxError: here')).toBe(true);
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
