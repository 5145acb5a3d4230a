/**
 * The preflight's question about the baseline: did the test suite really run before
 * any change? A command that is not there, a runner that is not installed, a suite that
 * crashes before running a single test or collects none, a run stopped by a limit — the
 * model cannot fix any of these, so the run stops before its first model call
 * (README "How a run works", docs/architecture.md "A job, from request to pull request").
 */
import type { TestReport } from '../../ports/test-runner.ts';
import { SUITE_ID } from './build-test-report.ts';

export type BaselineProblemKind =
  'not-found' | 'not-executable' | 'missing-dependency' | 'timed-out' | 'killed' | 'no-tests' | 'crashed';

export interface BaselineProblem {
  kind: BaselineProblemKind;
  /** One line: what happened, for the progress checklist and logs. */
  summary: string;
  /** The program (`pnpm`) or module (`pytest`, `vitest`) that was missing, when the output names it. */
  missing: string | null;
  /** The last lines of the output, for the refusal. */
  outputTail: string;
}

export interface JudgeBaselineOptions {
  /** `tests.allowNoTests`: a suite without tests yet is accepted. */
  allowNoTests: boolean;
  /**
   * `fix` runs accept a baseline that crashed for a reason in the code (a syntax error,
   * a failing import): making the suite run again can be the very fix asked for. What
   * no code change can mend (a missing program, a runner not installed, a limit, no
   * tests at all) still stops them.
   */
  mode: 'generate' | 'fix';
  /** The command as the user knows it (the report's carries the reporter options greenlight added). */
  command?: string;
}

const NOT_FOUND = [
  /^(?:sh|bash|dash|zsh)?:?\s*(?:\d+:\s*)?(?:line \d+:\s*)?([^\s:'"]+): (?:command )?not found$/m,
  /^env: ['‘]?([^'’:\s]+)['’]?: No such file or directory$/m,
  /^(?:sh|bash): (?:\d+: )?(?:line \d+: )?([^\s:]+): No such file or directory$/m,
];
const NOT_EXECUTABLE = /^(?:sh|bash)?:?\s*(?:\d+:\s*)?(?:line \d+:\s*)?([^\s:]+): Permission denied$/m;
/** A runner that is not installed: the module is the runner itself, so no change to the code can help. */
const MISSING_MODULE = [
  /No module named ['"]?(pytest|_pytest)\b/,
  /Cannot find (?:module|package) ['"](?:[^'"]*\/)?node_modules\/((?:@[^/'"]+\/)?[^/'"]+)/,
  /Cannot find (?:module|package) ['"]((?:@vitest\/)?vitest|jest|mocha|tsx|ts-node)(?:\/[^'"]*)?['"]/,
];
const NO_TESTS =
  /No test files found|No tests found|no tests ran|collected 0 items|running 0 tests|^\s*(?:ℹ|#)\s*tests 0$|\[no test files\]|Error: No test files found/m;
/** pytest's exit status for "no tests were collected". */
const PYTEST_NO_TESTS = 5;

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function firstMatch(patterns: readonly RegExp[], text: string): string | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/**
 * Null when the baseline ran (passing or failing tests are both fine: failures that
 * predate the change are never blamed on it); otherwise what kept it from running.
 *
 * @example
 * judgeBaseline(report, { allowNoTests: false, mode: 'generate' })
 * // { kind: 'not-found', missing: 'pnpm', summary: '`pnpm test` could not start: pnpm was not found (exit code 127)', … }
 */
export function judgeBaseline(report: TestReport, options: JudgeBaselineOptions): BaselineProblem | null {
  const tail = lastLines(report.outputTail, 15);
  const real = report.tests.filter((t) => t.id !== SUITE_ID);
  const executed = real.filter((t) => t.status === 'passed' || t.status === 'failed').length;
  const command = `\`${options.command ?? report.command}\``;
  const problem = (kind: BaselineProblemKind, summary: string, missing: string | null = null): BaselineProblem => ({
    kind,
    summary,
    missing,
    outputTail: tail,
  });

  if (report.timedOut)
    return problem('timed-out', `${command} timed out after ${Math.round(report.durationMs / 1000)} s`);
  if (report.exitCode === 127) {
    const missing = firstMatch(NOT_FOUND, report.outputTail);
    return problem(
      'not-found',
      `${command} could not start: ${missing === null ? 'a program it runs' : missing} was not found (exit code 127)`,
      missing,
    );
  }
  if (report.exitCode === 126) {
    const missing = NOT_EXECUTABLE.exec(report.outputTail)?.[1] ?? null;
    return problem(
      'not-executable',
      `${command} could not start: ${missing === null ? 'a program it runs' : missing} is not executable (exit code 126)`,
      missing,
    );
  }
  if (report.exitCode === null)
    return problem('killed', `${command} was stopped before it finished${limitNote(report)}`);
  if (executed > 0) return null;

  const module = firstMatch(MISSING_MODULE, report.outputTail);
  if (module !== null && (report.crashed || report.exitCode !== 0))
    return problem('missing-dependency', `${command} could not run: ${module} is not installed`, module);
  const noTests =
    (report.runner === 'pytest' && report.exitCode === PYTEST_NO_TESTS) ||
    NO_TESTS.test(report.outputTail) ||
    (report.structured && real.length === 0 && report.exitCode === 0);
  if (noTests) {
    if (options.allowNoTests) return null;
    return problem('no-tests', `${command} ran but found no tests`);
  }
  if (report.crashed && options.mode === 'generate')
    return problem('crashed', `${command} crashed before running any test (exit code ${report.exitCode})`);
  return null;
}

function limitNote(report: TestReport): string {
  const limit = (report.notes ?? []).find((n) => n.startsWith('the sandbox stopped the run'));
  return limit === undefined ? ' (killed by a signal)' : ` (${limit})`;
}
