import { describe, expect, it } from 'vitest';
import { renderReportForModel } from '../../../src/core/prompt/render-report-for-model.ts';
import { report, testCase } from '../testing/report-builders.ts';

const crashOfOtherFile = testCase('src/other.test.ts::(file)', 'errored', {
  message: "Cannot find module './gone'",
  line: 1,
});
const timeout = testCase('src/slow.test.ts::slow', 'failed', { message: 'Error: Test timed out in 5000ms.' });
const typeError = testCase('src/a.test.ts::a > throws', 'failed', {
  message: "TypeError: Cannot read properties of undefined (reading 'x')",
  line: 9,
});
const assertion = testCase('src/a.test.ts::a > adds', 'failed', {
  message: 'AssertionError: expected 3 to be 4\n- Expected\n+ Received\n- 4\n+ 3',
  line: 5,
  stack: 'at src/a.test.ts:5:12',
});

describe('renderReportForModel', () => {
  const full = report([
    testCase('src/a.test.ts::a > ok', 'passed'),
    crashOfOtherFile,
    timeout,
    typeError,
    assertion,
    testCase('src/a.test.ts::a > later', 'skipped'),
  ]);

  it('puts assertion failures first, then errors, timeouts and files that could not run', () => {
    expect(renderReportForModel(full, 10_000)).toBe(
      [
        'Tests: 3 failed, 1 errored, 1 passed, 1 skipped (6 total) — `npm test` (vitest), exit code 1, 1.2 s',
        '',
        'FAILED src/a.test.ts:5 — a > adds',
        '  AssertionError: expected 3 to be 4\n  - Expected\n  + Received\n  - 4\n  + 3',
        '  at src/a.test.ts:5:12',
        '',
        'FAILED src/a.test.ts:9 — a > throws',
        "  TypeError: Cannot read properties of undefined (reading 'x')",
        '',
        'FAILED src/slow.test.ts — slow',
        '  Error: Test timed out in 5000ms.',
        '',
        'ERROR src/other.test.ts:1 — (file)',
        "  Cannot find module './gone'",
      ].join('\n'),
    );
  });

  it('never exceeds the budget and names the failures it had to leave out', () => {
    const text = renderReportForModel(full, 420);
    expect(text.length).toBeLessThanOrEqual(420);
    expect(text).toContain('FAILED src/a.test.ts:5 — a > adds');
    expect(text).toMatch(/\[… \d more failing tests? not shown: /);
    expect(text).not.toContain('ERROR src/other.test.ts');
  });

  it.each([0, 10, 50, 100, 300, 1000])('cuts to a budget of %i characters', (budget) => {
    const many = report(
      Array.from({ length: 40 }, (_, i) =>
        testCase(`t.test.ts::case ${i}`, 'failed', { message: `AssertionError: ${'x'.repeat(200)}` }),
      ),
    );
    expect(renderReportForModel(many, budget).length).toBeLessThanOrEqual(budget);
  });

  it('clips one huge message and marks the cut', () => {
    const text = renderReportForModel(
      report([testCase('a::b', 'failed', { message: `Error: ${'z'.repeat(5000)}` })]),
      4000,
    );
    expect(text).toMatch(/\[… \d+ chars cut\]/);
    expect(text.length).toBeLessThanOrEqual(4000);
  });

  it('shows the output tail, crash and notes when the report is not structured', () => {
    const text = renderReportForModel(
      report([testCase('(suite)', 'errored', { message: 'the test command could not run (exit code 1)' })], {
        structured: false,
        crashed: true,
        outputTail: 'Error: vitest.config.ts: SyntaxError',
        notes: ['no machine-readable test report'],
        scope: 'related',
      }),
      2000,
    );
    expect(text).toBe(
      [
        'Tests: 1 errored, 0 passed (1 total) — `npm test` (vitest), exit code 1, 1.2 s',
        'The test suite could not run (crashed): see the errors and output below.',
        'Only a subset ran (tests related to the changed files).',
        'Note: no machine-readable test report',
        '',
        'ERROR — (suite)',
        '  the test command could not run (exit code 1)',
        '',
        'Output (end):',
        'Error: vitest.config.ts: SyntaxError',
      ].join('\n'),
    );
  });

  it('says when the run timed out', () => {
    expect(renderReportForModel(report([], { timedOut: true, crashed: true, exitCode: null }), 500)).toContain(
      'The run TIMED OUT and was stopped; results are incomplete.',
    );
  });
});
