/**
 * Test results as values. Runner adapters (vitest, jest, pytest, go, …) turn a
 * project's own test output into a `TestReport`; the core compares reports.
 */

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TestCaseResult {
  /** Stable identifier across runs: `<file>::<full name>`. */
  id: string;
  name: string;
  file: string | null;
  status: TestStatus;
  durationMs?: number;
  /** For failed / errored tests. */
  message?: string;
  line?: number;
  stack?: string;
}

export interface TestTotals {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  total: number;
}

export interface TestReport {
  runner: string;
  command: string;
  /** The suite itself could not run (syntax error, missing dependency, timeout…). */
  crashed: boolean;
  /** true when results came from a machine-readable report; false = exit code + output only. */
  structured: boolean;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  totals: TestTotals;
  tests: TestCaseResult[];
  /** Tail of the output, ANSI stripped, for when nothing structured is available. */
  outputTail: string;
  /** What was run: the whole suite, tests related to changed files, or named tests. */
  scope?: 'all' | 'related' | 'tests';
  /** Why the run differs from what was asked (a subset widened to the whole suite, no machine-readable report, …). */
  notes?: string[];
  /**
   * Where the report, the exit code and the runner's own summary disagree
   * (crossCheckReport): such a report is never trusted to pass (docs/security.md §28).
   */
  disagreements?: string[];
  /**
   * Files the run wrote in the checkout that were put back or removed after it, because
   * only the model's own edits become the change (docs/security.md §29).
   */
  discarded?: string[];
}

export interface TestCommand {
  runner: string;
  /** Shell command line, from config or detection (trusted: never from event text). */
  command: string;
  /** Why this command was chosen, shown to users ("using `npm test` from package.json"). */
  reason: string;
  /** Directory the command runs in, relative to the repository root; '' or absent for the root. */
  directory?: string;
  /** The command that installs the project's dependencies (`pnpm install --frozen-lockfile`), when known. */
  installHint?: string;
}

export interface TestSelection {
  /** Run only tests related to these changed files (runner permitting). */
  changedFiles?: string[];
  /** Run only these test ids or test files. */
  tests?: string[];
}

export interface TestRunner {
  readonly command: TestCommand;
  run(selection?: TestSelection): Promise<TestReport>;
}
