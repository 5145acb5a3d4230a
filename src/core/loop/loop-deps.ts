/** The ports and functions the loop runs on; the composition module wires real ones. */
import type { AuditSink } from '../../ports/audit.ts';
import type { Checkpoints } from '../../ports/checkpoints.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Model, ModelUsage } from '../../ports/model.ts';
import type { Progress } from '../../ports/progress.ts';
import type { RepoTools } from '../../ports/repo-tools.ts';
import type { TestReport, TestRunner } from '../../ports/test-runner.ts';
import type { Workspace } from '../../ports/workspace.ts';
import type { BaselineComparison } from '../testing/compare-to-baseline.ts';

export interface CoverageRequest {
  /** Source files the change touched (not tests): the files new tests should cover. */
  targetFiles: string[];
  /** Test files the change added or modified. */
  testFiles: string[];
}

/** Line coverage of `targetFiles` before and after the change, in percent. */
export interface CoverageMeasurement {
  beforePercent: number;
  afterPercent: number;
}

/** A full-suite run on a fresh checkout of the change (see `LoopDeps.verifyFresh`). */
export interface FreshRun {
  /** The tree that was checked out and tested: exactly what is published when verification succeeds. */
  tree: string;
  report: TestReport;
}

export interface LoopDeps {
  model: Model;
  tools: RepoTools;
  tests: TestRunner;
  workspace: Workspace;
  checkpoints: Checkpoints;
  clock: Clock;
  audit: AuditSink;
  progress: Progress;
  /**
   * Price of a call's usage in USD at the model's prices. Must be monotone in every
   * count. A NaN (unpriced model) makes the dollar budget refuse every call: budgets
   * fail closed.
   */
  costOf(usage: ModelUsage): number;
  /** Per-test comparison with the baseline; defaults to core/testing's `compareToBaseline`. */
  compare?: (baseline: TestReport, current: TestReport) => BaselineComparison;
  /**
   * Compact test report for the model; defaults to core/prompt's `renderReportForModel`.
   * Pre-existing failures are taken out before and named after it by the loop.
   */
  renderReport?: (report: TestReport, budgetChars: number) => string;
  /**
   * The last step of verification (docs/security.md §28): the full suite on a fresh
   * checkout of the working tree as it is now — the files of the change, nothing else
   * a run left behind, ignored or not — with the installed dependencies. The change is
   * only verified when this run passes too.
   */
  verifyFresh(): Promise<FreshRun>;
  /** Needed when `tests.coverage.required`; without it such a run cannot succeed. */
  measureCoverage?: (request: CoverageRequest) => Promise<CoverageMeasurement>;
  /**
   * Called with the baseline once it ran and passed the preflight, before the first
   * model call. A replay compares it with the recording here and throws when it differs,
   * so a replay that cannot follow its recording stops at once.
   */
  onBaseline?: (baseline: TestReport) => void;
  /** Token estimate for budget checks; defaults to a deliberately high heuristic. */
  estimateTokens?: (text: string) => number;
}
