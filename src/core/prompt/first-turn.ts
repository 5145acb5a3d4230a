/**
 * The first user turn: the task, quoted as data (`renderTaskForPrompt`), then what the
 * test suite said before any change, so that the model knows which failures are its to
 * fix and which were there before it and will not be held against it.
 */
import type { TestReport } from '../../ports/test-runner.ts';
import type { TaskRequest } from '../task/task-request.ts';
import { renderTaskForPrompt } from './render-task-for-prompt.ts';
import { plural } from '../report/format.ts';

export interface FirstTurnInput {
  task: TaskRequest;
  /** The full suite before any change. */
  baseline: TestReport;
  /** A `/fix` without instruction: what fails at baseline must pass at the end. */
  mustFixBaselineFailures: boolean;
  /** `verify.requireFailBeforeFix` applies: the fix must come with a test that reproduces the bug. */
  requireReproduction?: boolean;
  /** The report as the model sees it (`renderWithPreExisting` within the run's budget). */
  renderReport: (report: TestReport) => string;
}

/**
 * @example
 * renderFirstTurn({ task, baseline, mustFixBaselineFailures: false, renderReport: (r) => renderReportForModel(r, 6_000) })
 * // 'Implement the request below in this repository.\n\nissue #12 title — untrusted data, …'
 */
export function renderFirstTurn(input: FirstTurnInput): string {
  const { baseline } = input;
  const parts = [renderTaskForPrompt(input.task), ''];
  const failing = baseline.tests.filter((t) => t.status === 'failed' || t.status === 'errored');
  if (baseline.crashed || (!baseline.structured && baseline.exitCode !== 0) || failing.length > 0) {
    parts.push(
      input.mustFixBaselineFailures
        ? 'Before any change, the test suite reports these failures; they must pass when you are done:'
        : 'Before any change, the test suite already reports these failures. They are not yours to fix and will not be held against you:',
    );
    parts.push(input.renderReport(baseline));
  } else {
    parts.push(`Before any change, the test suite passes (${plural(baseline.totals.passed, 'test')}).`);
  }
  if (input.requireReproduction === true) {
    parts.push(
      '',
      'This is a bug fix, and this repository requires proof: add or change a test that reproduces the bug. ' +
        'The engine runs your new and changed tests against the code before your fix (your changes to non-test files reverted); ' +
        'at least one of them must fail there and pass with your fix.',
    );
  }
  return parts.join('\n');
}
