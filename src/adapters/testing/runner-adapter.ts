/**
 * One adapter per test runner (like renovate's managers): how to run everything or a
 * subset, and how to read the runner's machine-readable results. Adapters are pure:
 * `createTestRunner` does the I/O (sandbox, report directory) around them.
 */
import type { ParsedTests } from '../../core/testing/build-test-report.ts';
import type { RunnerId, TestPlan } from '../../core/testing/test-plan.ts';
import type { TestReport, TestSelection } from '../../ports/test-runner.ts';

export interface PrepareInput {
  plan: TestPlan;
  selection: TestSelection;
  /**
   * Where the runner writes reports, as the child sees it: relative to the workspace
   * root (inside the sandbox's writable area) or an absolute path outside it.
   */
  reportDir: string;
  /** Workspace files, for runners that need to guess related tests. */
  files: readonly string[];
  /** Texts read for detection (go.mod, …), by path. */
  texts: Readonly<Partial<Record<string, string>>>;
}

export interface PreparedRun {
  /** Shell command line run with `sh -c` in the workspace root. */
  command: string;
  /** Variables set for the command on top of the sandbox's allowlisted environment. */
  env: Record<string, string>;
  scope: NonNullable<TestReport['scope']>;
  /** Why the run differs from what was asked. */
  notes: string[];
  /** False when the command chooses its own reporter, so greenlight asked for none (default true). */
  reportRequested?: boolean;
}

export interface ParseInput {
  prepared: PreparedRun;
  /** Files the runner wrote into the report directory, by name. */
  reports: Readonly<Record<string, string>>;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Absolute workspace paths to strip from report text. */
  roots: readonly string[];
  texts: Readonly<Partial<Record<string, string>>>;
}

export interface RunnerAdapter {
  id: RunnerId;
  /** The runner writes its report whenever it runs at all: no report and a failing exit means it crashed. */
  reportExpected: boolean;
  prepare(input: PrepareInput): PreparedRun;
  /** Null when nothing machine-readable was produced. Throws on a malformed report. */
  parse(input: ParseInput): ParsedTests | null;
}
