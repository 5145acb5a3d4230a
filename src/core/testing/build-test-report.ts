import type { TestCaseResult, TestReport, TestTotals } from '../../ports/test-runner.ts';
import { relativizeText } from './relativize.ts';
import { stripAnsi } from './strip-ansi.ts';

/** Id of the synthetic case that stands for the whole command (unstructured runs, crashes). */
export const SUITE_ID = '(suite)';

export interface RunOutcome {
  runner: string;
  command: string;
  exitCode: number | null;
  signal?: string | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
}

export interface ParsedTests {
  tests: TestCaseResult[];
  /** The runner reported that the suite itself could not run (collection interrupted, usage error…). */
  crashed?: boolean;
}

export interface BuildReportOptions {
  /** Absolute workspace paths (as the host and the sandbox see them) to strip from text. */
  roots: readonly string[];
  /** The runner always writes its report when it runs at all: a missing report with a failing exit means it crashed. */
  reportExpected?: boolean;
  scope?: TestReport['scope'];
  notes?: readonly string[];
  /** Characters of output kept in `outputTail`. */
  tailChars?: number;
}

/** Sum the statuses of a list of cases. */
export function countTotals(tests: readonly TestCaseResult[]): TestTotals {
  const totals: TestTotals = { passed: 0, failed: 0, errored: 0, skipped: 0, total: tests.length };
  for (const test of tests) totals[test.status] += 1;
  return totals;
}

function tail(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.slice(text.length - chars);
  const newline = cut.indexOf('\n');
  return `[… ${text.length - chars} earlier characters cut]\n${newline >= 0 && newline < 200 ? cut.slice(newline + 1) : cut}`;
}

function outputTail(outcome: RunOutcome, roots: readonly string[], chars: number): string {
  const clean = (text: string) => relativizeText(stripAnsi(text), roots).trimEnd();
  const out = clean(outcome.stdout);
  const err = clean(outcome.stderr);
  if (err === '') return tail(out, chars);
  if (out === '') return tail(err, chars);
  const half = Math.floor(chars / 2);
  return `${tail(out, Math.max(half, chars - err.length))}\n--- stderr ---\n${tail(err, Math.max(half, chars - out.length))}`;
}

function lastLines(text: string, count: number): string {
  return text.split('\n').slice(-count).join('\n');
}

function suiteCase(status: TestCaseResult['status'], message: string): TestCaseResult {
  return { id: SUITE_ID, name: 'test command', file: null, status, message };
}

/**
 * Assemble a TestReport from a finished command and (when the runner wrote one) its
 * parsed machine-readable results. The exit code stays authoritative: a failing exit
 * with an all-green report adds an errored `(suite)` case, so that nothing written
 * into the workspace can make a failing run look green.
 */
export function buildTestReport(
  outcome: RunOutcome,
  parsed: ParsedTests | null,
  options: BuildReportOptions,
): TestReport {
  const tailText = outputTail(outcome, options.roots, options.tailChars ?? 4000);
  const tests = parsed === null ? [] : [...parsed.tests];
  const failing = tests.some((t) => t.status === 'failed' || t.status === 'errored');
  const killed = outcome.exitCode === null || outcome.exitCode === 126 || outcome.exitCode === 127;
  const notes = [...(options.notes ?? [])];

  let crashed = outcome.timedOut || killed || parsed?.crashed === true;
  if (parsed === null && outcome.exitCode !== 0 && options.reportExpected === true) crashed = true;
  if (parsed !== null && tests.length === 0 && outcome.exitCode !== 0) crashed = true;

  if (outcome.timedOut) {
    tests.push(
      suiteCase(
        'errored',
        `the test command timed out after ${Math.round(outcome.durationMs / 1000)} s and was stopped`,
      ),
    );
  } else if (parsed === null) {
    if (crashed)
      tests.push(
        suiteCase(
          'errored',
          `the test command could not run (exit code ${outcome.exitCode ?? `none, signal ${outcome.signal ?? 'unknown'}`})\n${lastLines(tailText, 20)}`,
        ),
      );
    else
      tests.push(
        outcome.exitCode === 0
          ? suiteCase('passed', 'exit code 0')
          : suiteCase('failed', `exit code ${outcome.exitCode}\n${lastLines(tailText, 20)}`),
      );
  } else if (outcome.exitCode !== 0 && !failing) {
    tests.push(
      suiteCase(
        'errored',
        `the test command exited with ${outcome.exitCode === null ? `signal ${outcome.signal ?? 'unknown'}` : `code ${outcome.exitCode}`} although no test failed (an unhandled error, a failing hook or a threshold?)\n${lastLines(tailText, 20)}`,
      ),
    );
  }
  if (parsed === null) notes.push('no machine-readable test report: the result comes from the exit code and output');

  const report: TestReport = {
    runner: outcome.runner,
    command: outcome.command,
    crashed,
    structured: parsed !== null,
    exitCode: outcome.exitCode,
    timedOut: outcome.timedOut,
    durationMs: Math.round(outcome.durationMs),
    totals: countTotals(tests),
    tests,
    outputTail: tailText,
  };
  if (options.scope !== undefined) report.scope = options.scope;
  if (notes.length > 0) report.notes = notes;
  return report;
}
