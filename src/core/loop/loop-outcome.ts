/**
 * What a loop run produced, as a value: `succeeded`, `gave-up` (best state kept) or
 * `refused`, always with the full accounting in `report`.
 */
import type { BeforeFixRecord } from '../../ports/audit.ts';
import type { ModelUsage, StopReason as ModelStopReason } from '../../ports/model.ts';
import type { TestTotals } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import type { TaskMode } from '../task/task-request.ts';
import type { BaselineProblem } from '../testing/judge-baseline.ts';
import type { TamperFinding } from './detect-test-tampering.ts';
import type { EffectiveBudgets } from './effective-budgets.ts';

/** Why the loop stopped without success. */
export type StopCode =
  | 'iteration-budget'
  | 'token-budget'
  | 'cost-budget'
  | 'time-budget'
  | 'model-call-budget'
  | 'test-run-budget'
  | 'flaky-tests'
  | 'coverage-not-raised'
  | 'not-reproducible'
  | 'not-reproduced'
  | 'model-error';

export interface StopReason {
  code: StopCode;
  /** One or two sentences for the report: what ran out, at which figure. */
  message: string;
}

/** One model call. */
export interface TurnRecord {
  /** 1-based index over the whole run (the audit log's `turn`). */
  turn: number;
  iteration: number;
  usage: ModelUsage;
  costUsd: number;
  durationMs: number;
  stopReason: ModelStopReason;
  toolCalls: number;
}

export type IterationResult =
  | 'passed'
  | 'no-changes'
  | 'tampered'
  | 'related-failed'
  | 'full-failed'
  | 'crashed'
  | 'flaky'
  | 'coverage-not-raised'
  | 'not-reproducible'
  | 'not-reproduced'
  | 'not-validated';

export interface IterationRecord {
  iteration: number;
  modelCalls: number;
  toolCalls: number;
  result: IterationResult;
  /** Totals of the last suite run of this iteration (related or full). */
  tests: TestTotals | null;
  /** Which run `tests` comes from. */
  testScope: 'related' | 'full' | null;
}

export interface RerunSummary {
  /** Reruns per test (config `tests.flakinessReruns`). */
  count: number;
  /** New or changed tests that were rerun. */
  tests: string[];
  /** Tests that failed at least one rerun. */
  flaky: string[];
  /** Files reverted or removed because they held a flaky test (`onFlaky: drop`). */
  droppedFiles: string[];
}

export interface CoverageSummary {
  beforePercent: number;
  afterPercent: number;
  minDeltaPercent: number;
  raised: boolean;
}

export interface VerificationSummary {
  /** The full suite passed apart from failures that were there before the change. */
  fullSuitePassed: boolean;
  /** Baseline failures still failing (not blamed on the change). */
  preExistingFailures: string[];
  /** Baseline failures that now pass. */
  fixedFailures: string[];
  /** Tests that did not exist at baseline. */
  newTests: string[];
  reruns: RerunSummary | null;
  coverage: CoverageSummary | null;
  /** Totals of the full suite on a fresh checkout of the change, once that ran (docs/security.md §28). */
  freshCheckout?: TestTotals;
  /** The new or changed tests against the base (docs/architecture.md "Proof that a fix reproduces the bug"); null when not run. */
  beforeFix: BeforeFixRecord | null;
}

/** The full accounting of a run, rendered into the PR body and the CLI output. */
export interface LoopReport {
  mode: TaskMode;
  model: string;
  testCommand: string;
  iterations: number;
  maxIterations: number;
  turns: TurnRecord[];
  iterationLog: IterationRecord[];
  /** Sums over `turns`. */
  usage: ModelUsage;
  /** input + cache write + cache read + output: what the token budget counts. */
  totalTokens: number;
  costUsd: number;
  wallMs: number;
  modelMs: number;
  testMs: number;
  /** Test-suite runs of the whole run: baseline, the engine's runs, reruns and the model's `run_tests`. */
  testRuns: number;
  /** The budgets the run was held to (the derived ones filled in). */
  budgets: EffectiveBudgets;
  tests: {
    baseline: TestTotals;
    /** Full-suite totals of the state the run ended with; null when never run. */
    final: TestTotals | null;
    /** Failing at baseline: never blamed on the change. */
    baselineFailures: string[];
    baselineCrashed: boolean;
  };
  verification: VerificationSummary | null;
  /** Test tampering the engine rejected during the run (each finding once). */
  tampering: TamperFinding[];
  /** The compact failure report of the last failing validation. */
  lastFailure: string | null;
  stop: StopReason | null;
  /** Set when the final state is an earlier checkpoint than the last one reached. */
  restoredBestFromIteration: number | null;
  /** Things a reader should know (e.g. a budget stopped the model mid-turn). */
  notes: string[];
}

/**
 * `tree`: the change as a tree object of the workspace's repository (base plus the
 * model's edits) — for a success, the very tree the fresh-checkout run verified, which
 * is what publishing commits. Absent only where no repository backs the run (fakes).
 */
export type LoopOutcome =
  | { kind: 'succeeded'; diff: string; changes: FileChange[]; report: LoopReport; tree?: string }
  | { kind: 'gave-up'; diff: string; changes: FileChange[]; report: LoopReport; reason: StopReason; tree?: string }
  | {
      kind: 'refused';
      reason: string;
      report: LoopReport;
      /** Set when the preflight stopped the run: the tests could not run before any change. */
      preflight?: BaselineProblem;
    };
