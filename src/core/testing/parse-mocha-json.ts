import type { TestCaseResult } from '../../ports/test-runner.ts';
import type { ParsedTests } from './build-test-report.ts';
import { cleanFailureText } from './clean-failure-text.ts';
import { relativizePath } from './relativize.ts';
import { failureLine, splitStack } from './stack-frames.ts';

interface MochaTest {
  title?: string;
  fullTitle?: string;
  file?: string;
  duration?: number;
  err?: { message?: string; stack?: string };
}

interface MochaReport {
  tests?: MochaTest[];
  pending?: MochaTest[];
  failures?: MochaTest[];
}

function key(test: MochaTest): string {
  return `${test.file ?? ''}\u0000${test.fullTitle ?? test.title ?? ''}`;
}

/**
 * Parse mocha's JSON reporter output (`--reporter json --reporter-option output=…`).
 * Failures of hooks (`"before each" hook for …`) are not tests: they become errored
 * cases of their own.
 */
export function parseMochaJson(text: string, roots: readonly string[]): ParsedTests {
  const data = JSON.parse(text) as MochaReport;
  if (!Array.isArray(data.tests) || !Array.isArray(data.failures))
    throw new Error('not a mocha JSON report: tests/failures are missing');
  const failed = new Map(data.failures.map((t) => [key(t), t]));
  const pending = new Set((data.pending ?? []).map(key));
  const seen = new Set<string>();
  const toCase = (test: MochaTest, status: TestCaseResult['status']): TestCaseResult => {
    const file = test.file === undefined ? null : relativizePath(test.file, roots);
    const name = test.fullTitle ?? test.title ?? '';
    const result: TestCaseResult = { id: `${file ?? ''}::${name}`, name, file, status };
    if (typeof test.duration === 'number') result.durationMs = Math.round(test.duration);
    if (status === 'failed' || status === 'errored') {
      const err = failed.get(key(test))?.err ?? test.err ?? {};
      const full = cleanFailureText(err.stack ?? err.message ?? 'failed', roots);
      const { message, stack } = splitStack(full);
      result.message = message;
      if (stack !== undefined) result.stack = stack;
      const line = failureLine(full, file);
      if (line !== undefined) result.line = line;
    }
    return result;
  };
  const tests: TestCaseResult[] = [];
  for (const test of data.tests) {
    seen.add(key(test));
    tests.push(toCase(test, failed.has(key(test)) ? 'failed' : pending.has(key(test)) ? 'skipped' : 'passed'));
  }
  for (const failure of data.failures) {
    if (!seen.has(key(failure))) tests.push(toCase(failure, 'errored'));
  }
  return { tests };
}
