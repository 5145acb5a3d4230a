/**
 * The audit log (docs/security.md §27): every prompt, tool call, command, exit code and
 * output excerpt of a run, one JSON object per line. Sinks redact before writing.
 *
 * The engine also records here, as typed events, every fact the evidence record of a
 * run is built from (docs/architecture.md "The evidence record"): what each command was
 * for and how long it took, each round's result, verification, the fail-before-fix
 * check, the sandbox in force, the risk assessment and the commit published. The
 * evidence is a function of these events only, never of what the model wrote.
 */
import type { SandboxInfo } from './sandbox.ts';
import type { TestStatus, TestTotals } from './test-runner.ts';

/** Why the engine ran a command: the evidence groups commands by it. */
export type CommandPurpose =
  /** `tests.installCommand`, before any generated code exists. */
  | 'install'
  /** The full suite before any change. */
  | 'baseline'
  /** Tests related to the change, after a round. */
  | 'related'
  /** The full suite after a round, or after flaky files were dropped. */
  | 'full'
  /** The model's own `run_tests` call. */
  | 'model'
  /** New or changed tests rerun for flakiness. */
  | 'rerun'
  /** New or changed tests against the base code (docs/architecture.md "Proof that a fix reproduces the bug"). */
  | 'before-fix'
  /** `tests.coverage.command`. */
  | 'coverage'
  /** The full suite on a fresh checkout of exactly the change, last (docs/security.md §28). */
  | 'fresh-checkout';

/** What the fail-before-fix check found for one test. */
export interface BeforeFixTestRecord {
  id: string;
  /**
   * `new`: absent from the baseline; `changed`: an existing test whose result on the base
   * differs from the baseline's; `fixed`: failing at baseline; `suite`: the whole suite,
   * for a runner that reports no single tests.
   */
  origin: 'new' | 'changed' | 'fixed' | 'suite';
  /** Its result against the base code; `missing` when it did not run there (e.g. its file does not load). */
  before: TestStatus | 'missing';
}

export interface BeforeFixRecord {
  /** `fail`: a fix, whose tests should fail on the base; `pass`: tests of existing code, which should pass there. */
  expectation: 'fail' | 'pass';
  /** `verify.requireFailBeforeFix` applied to this run. */
  required: boolean;
  /** Non-test files put back as they are at the base for the run. */
  reverted: string[];
  tests: BeforeFixTestRecord[];
  /** The run against the base hit its time limit: nothing it says counts as proof. */
  timedOut: boolean;
  /** `fail`: some test fails on the base; `pass`: every test passes there. */
  met: boolean;
}

export type AuditEvent =
  | { kind: 'run-start'; mode: string; task: string; model: string; base: string; provider?: string }
  | { kind: 'model-request'; turn: number; request: unknown }
  | {
      kind: 'model-response';
      turn: number;
      response: unknown;
      /** The round the call belongs to and its price in USD (NaN is written as null: unpriced). */
      iteration?: number;
      costUsd?: number | null;
    }
  | { kind: 'tool-call'; turn: number; name: string; input: unknown }
  | { kind: 'tool-result'; turn: number; name: string; isError: boolean; output: string }
  | { kind: 'tool-refused'; turn: number; name: string; path: string; reason: string }
  | {
      kind: 'command';
      command: string;
      exitCode: number | null;
      timedOut: boolean;
      outputExcerpt: string;
      durationMs?: number;
      purpose?: CommandPurpose;
      /** For test runs: what the run reported. */
      tests?: TestTotals;
    }
  | {
      kind: 'round';
      iteration: number;
      modelCalls: number;
      toolCalls: number;
      result: string;
      tests: TestTotals | null;
    }
  | {
      kind: 'verification';
      /** Tests that did not exist at baseline and pass now. */
      newTests: string[];
      /** Baseline failures that pass now. */
      fixedFailures: string[];
      reruns: { count: number; tests: string[]; flaky: string[]; droppedFiles: string[] } | null;
      coverage: { beforePercent: number; afterPercent: number; minDeltaPercent: number; raised: boolean } | null;
    }
  | ({ kind: 'before-fix' } & BeforeFixRecord)
  | { kind: 'test-totals'; before: TestTotals | null; after: TestTotals | null }
  | { kind: 'sandbox'; info: SandboxInfo }
  | {
      kind: 'risk';
      /** `job`: the engine's classification; `publish`: the publish step's own, which counts. */
      source: 'job' | 'publish';
      tier: string;
      files: { path: string; tier: string; rule: string; reason: string }[];
    }
  | {
      kind: 'commit';
      sha: string;
      /** The commit it was made on (the base, or the pull request's recorded head). */
      parent: string;
      branch: string;
      /** false for a dry run: the commit exists only locally. */
      pushed: boolean;
      /** What the commit is: a pull request's change, a `/fix` on one, or unverified work in progress. */
      role: 'pull-request' | 'fix' | 'work-in-progress';
    }
  | {
      kind: 'carried-evidence';
      /** Where it comes from: the generate job's record in a change bundle's manifest. */
      source: 'change-bundle';
      evidence: unknown;
    }
  | { kind: 'note'; message: string; data?: unknown }
  | { kind: 'run-end'; outcome: string; reason?: string };

export interface AuditRecord {
  /** ISO timestamp. */
  at: string;
  event: AuditEvent;
}

export interface AuditSink {
  write(event: AuditEvent): void;
}

/** An audit log written to a file, which its opener closes when the run ends. */
export interface AuditFile extends AuditSink {
  readonly path: string;
  /** Closes the file; later writes throw. */
  close(): void;
}
