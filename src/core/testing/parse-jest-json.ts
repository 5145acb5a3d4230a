import type { TestCaseResult, TestStatus } from '../../ports/test-runner.ts';
import type { ParsedTests } from './build-test-report.ts';
import { cleanFailureText } from './clean-failure-text.ts';
import { relativizePath } from './relativize.ts';
import { failureLine, splitStack } from './stack-frames.ts';

interface AssertionResult {
  ancestorTitles?: string[];
  title?: string;
  status?: string;
  duration?: number | null;
  failureMessages?: string[];
}

interface FileResult {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: AssertionResult[];
}

const STATUS: Record<string, TestStatus> = {
  passed: 'passed',
  failed: 'failed',
  pending: 'skipped',
  skipped: 'skipped',
  todo: 'skipped',
  disabled: 'skipped',
  focused: 'passed',
};

/** Id of the case that stands for a test file that could not run. */
export const FILE_CASE = '(file)';

/**
 * Parse the JSON report that jest (`--json --outputFile`) and vitest (`--reporter=json`)
 * write: one case per test, plus an errored `(file)` case for a file that failed
 * without a failing test (import error, syntax error, failing hook).
 */
export function parseJestJson(text: string, roots: readonly string[]): ParsedTests {
  const data = JSON.parse(text) as { testResults?: FileResult[] };
  if (!Array.isArray(data.testResults)) throw new Error('not a jest/vitest JSON report: testResults is missing');
  const tests: TestCaseResult[] = [];
  for (const fileResult of data.testResults) {
    const file = relativizePath(fileResult.name ?? '', roots);
    let anyFailed = false;
    for (const assertion of fileResult.assertionResults ?? []) {
      const name = [...(assertion.ancestorTitles ?? []), assertion.title ?? ''].join(' > ');
      const status = STATUS[assertion.status ?? ''] ?? 'skipped';
      const test: TestCaseResult = { id: `${file}::${name}`, name, file, status };
      if (typeof assertion.duration === 'number') test.durationMs = Math.round(assertion.duration);
      if (status === 'failed') {
        anyFailed = true;
        const full = cleanFailureText((assertion.failureMessages ?? []).join('\n\n'), roots);
        const { message, stack } = splitStack(full);
        test.message = message;
        if (stack !== undefined) test.stack = stack;
        const line = failureLine(full, file);
        if (line !== undefined) test.line = line;
      }
      tests.push(test);
    }
    if (fileResult.status === 'failed' && !anyFailed) {
      // jest prefixes the error with a "Test suite failed to run" heading.
      const full = cleanFailureText(
        (fileResult.message ?? '').replace(/^\s*● Test suite failed to run\s*\n/, ''),
        roots,
      );
      const { message, stack } = splitStack(full);
      const test: TestCaseResult = {
        id: `${file}::${FILE_CASE}`,
        name: FILE_CASE,
        file,
        status: 'errored',
        message: message === '' ? 'the test file failed to run' : message,
      };
      if (stack !== undefined) test.stack = stack;
      const line = failureLine(full, file);
      if (line !== undefined) test.line = line;
      tests.push(test);
    }
  }
  return { tests };
}
