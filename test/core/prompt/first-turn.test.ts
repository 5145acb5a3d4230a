import { describe, expect, it } from 'vitest';
import { renderFirstTurn } from '../../../src/core/prompt/first-turn.ts';
import { createTaskRequest } from '../../../src/core/task/create-task-request.ts';
import type { TestReport } from '../../../src/ports/test-runner.ts';
import { report, testCase } from '../testing/report-builders.ts';

const task = createTaskRequest({
  mode: 'generate',
  title: 'Add tests for add',
  body: 'Cover negative numbers.',
  issueNumber: 3,
  baseSha: 'abc',
});
const rendered: TestReport[] = [];
const renderReport = (r: TestReport): string => {
  rendered.push(r);
  return `<report of ${r.totals.total} tests>`;
};

describe('renderFirstTurn', () => {
  it('is the task quoted as data, then a passing baseline in one line', () => {
    rendered.length = 0;
    const text = renderFirstTurn({
      task,
      baseline: report([testCase('a::one', 'passed'), testCase('a::two', 'passed')]),
      mustFixBaselineFailures: false,
      renderReport,
    });
    expect(text).toMatch(/^Implement the request below in this repository\.\n\nissue #3 title — untrusted data/);
    expect(text).toContain('```text\nCover negative numbers.\n```\n');
    expect(text.endsWith('\nBefore any change, the test suite passes (2 tests).')).toBe(true);
    expect(rendered).toEqual([]);
  });

  it.each([
    [false, 'Before any change, the test suite already reports these failures. They are not yours to fix'],
    [true, 'Before any change, the test suite reports these failures; they must pass when you are done:'],
  ])('shows failures at baseline with their report (must fix: %s)', (mustFix, sentence) => {
    rendered.length = 0;
    const baseline = report([testCase('a::one', 'failed', { message: 'boom' })]);
    const text = renderFirstTurn({ task, baseline, mustFixBaselineFailures: mustFix, renderReport });
    expect(text).toContain(sentence);
    expect(text.endsWith('\n<report of 1 tests>')).toBe(true);
    expect(rendered).toEqual([baseline]);
  });

  it('treats a suite that could not run, or an unstructured runner that exited non-zero, as failing', () => {
    const crashed = report([], { crashed: true, exitCode: 1 });
    const unstructured = report([], { structured: false, exitCode: 2 });
    for (const baseline of [crashed, unstructured]) {
      const text = renderFirstTurn({ task, baseline, mustFixBaselineFailures: false, renderReport });
      expect(text).toContain('already reports these failures');
    }
  });
});
