/**
 * The mutable state of one loop run and the small helpers every step shares (running
 * the suite with time and audit accounting, progress updates). One session per
 * `runLoop` call; nothing here outlives it.
 */
import type { CommandPurpose } from '../../ports/audit.ts';
import type { ChatMessage, ContentBlock, ModelUsage } from '../../ports/model.ts';
import type { ProgressSnapshot, StepName, StepState, TestCounts } from '../../ports/progress.ts';
import type { TestReport, TestSelection } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import { totalTokens } from '../cost/add-usage.ts';
import type { CachedPrefix } from '../prompt/cached-prefix.ts';
import { checkTimeBudget } from './budget-guard.ts';
import { effectiveBudgets, type EffectiveBudgets } from './effective-budgets.ts';
import { compareToBaseline, type BaselineComparison } from '../testing/compare-to-baseline.ts';
import type { TamperFinding } from './detect-test-tampering.ts';
import { estimateTokens } from './estimate-tokens.ts';
import type { LoopDeps } from './loop-deps.ts';
import type { IterationRecord, StopReason, TurnRecord, VerificationSummary } from './loop-outcome.ts';
import { DEFAULT_LOOP_LIMITS, type LoopLimits, type LoopRequest } from './loop-request.ts';
import { renderWithPreExisting } from '../prompt/render-with-pre-existing.ts';

/** A validated state the run can return to. */
export interface BestState {
  checkpoint: string;
  /** Compared lexicographically; higher is better. */
  score: number[];
  iteration: number;
  diff: string;
  /** Full-suite report of this state (an estimate from a related run when `provisional`). */
  report: TestReport;
  provisional: boolean;
}

export interface LoopSession {
  readonly request: LoopRequest;
  readonly deps: LoopDeps;
  readonly limits: LoopLimits;
  /** The run's budgets, derived ones filled in (`effectiveBudgets`). */
  readonly budgets: EffectiveBudgets;
  readonly startMs: number;
  /** The cached prefix, frozen: identical bytes on every call. */
  readonly prefix: CachedPrefix;
  readonly messages: ChatMessage[];
  baseline: TestReport | null;
  baseCheckpoint: string;
  /**
   * Paths the model's tools wrote: the only files that may differ from the base in the
   * change (docs/security.md §29). Anything else is put back before a diff is taken.
   */
  editedPaths: Set<string>;
  /** `workspace.diff(base)` at the start (empty for a clean checkout). */
  baseDiff: string;
  iteration: number;
  turns: TurnRecord[];
  iterationLog: IterationRecord[];
  usage: ModelUsage;
  costUsd: number;
  modelMs: number;
  testMs: number;
  /** Test-suite runs so far, every kind counted (`budgets.maxTestRuns`). */
  testRuns: number;
  /** Why the last `runSuite` that returned null did not run: the time or the test-run budget. */
  budgetStop: StopReason | null;
  /** Token count of the conversation as the provider last saw it (input + output). */
  knownContextTokens: number | null;
  /** Estimated tokens appended since the last call. */
  pendingTokens: number;
  /** Messages already written to the audit log with a model request. */
  auditedMessages: number;
  best: BestState | null;
  tampering: TamperFinding[];
  lastFailure: string | null;
  /** `workspace.diff(base)` when the tree was last validated: skip validating it twice. */
  lastValidatedDiff: string | null;
  /** The verification summary of the last state that passed the full suite. */
  verification: VerificationSummary | null;
  notes: string[];
  steps: ProgressSnapshot['steps'];
  lastTests: ProgressSnapshot['tests'];
}

export function createSession(request: LoopRequest, deps: LoopDeps, prefix: CachedPrefix): LoopSession {
  const steps = Object.fromEntries(
    (['understand', 'context', 'baseline', 'iterations', 'verify', 'publish'] as const).map((name) => [
      name,
      { state: 'pending' as StepState },
    ]),
  ) as ProgressSnapshot['steps'];
  steps.understand.state = 'done';
  steps.context.state = 'done';
  return {
    request,
    deps,
    limits: { ...DEFAULT_LOOP_LIMITS, ...request.limits },
    budgets: effectiveBudgets(request.config),
    startMs: deps.clock.now(),
    prefix,
    messages: [],
    baseline: null,
    baseCheckpoint: '',
    editedPaths: new Set(),
    baseDiff: '',
    iteration: 0,
    turns: [],
    iterationLog: [],
    usage: { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 },
    costUsd: 0,
    modelMs: 0,
    testMs: 0,
    testRuns: 0,
    budgetStop: null,
    knownContextTokens: null,
    pendingTokens: 0,
    auditedMessages: 0,
    best: null,
    tampering: [],
    lastFailure: null,
    lastValidatedDiff: null,
    verification: null,
    notes: [],
    steps,
    lastTests: undefined,
  };
}

export function elapsedMs(s: LoopSession): number {
  return s.deps.clock.now() - s.startMs;
}

export { totalTokens };

export function tokensOf(s: LoopSession, text: string): number {
  return (s.deps.estimateTokens ?? estimateTokens)(text);
}

/** Append content to the conversation as the user; merges with a trailing user message. */
export function pushUser(s: LoopSession, blocks: ContentBlock[]): void {
  const last = s.messages.at(-1);
  if (last !== undefined && last.role === 'user') last.content.push(...blocks);
  else s.messages.push({ role: 'user', content: blocks });
  for (const block of blocks) {
    s.pendingTokens +=
      tokensOf(
        s,
        block.type === 'text' ? block.text : block.type === 'tool_result' ? block.content : JSON.stringify(block.input),
      ) + 10;
  }
}

/** Test runs left in the run's budget. */
export function testRunsLeft(s: LoopSession): number {
  return Math.max(0, s.budgets.maxTestRuns - s.testRuns);
}

/**
 * Run the suite (or a subset), count it, account its time and write the audit record,
 * with what the run was for (`purpose`), its duration and totals. Returns null without
 * running when the wall-time or the test-run budget is spent; `s.budgetStop` then says
 * which (`stopReason`).
 */
export async function runSuite(
  s: LoopSession,
  selection: TestSelection | undefined,
  purpose: CommandPurpose,
): Promise<TestReport | null> {
  const time = checkTimeBudget(s.request.config.budgets, elapsedMs(s));
  if (time !== null) {
    s.budgetStop = time;
    return null;
  }
  if (testRunsLeft(s) === 0) {
    s.budgetStop = {
      code: 'test-run-budget',
      message: `All ${s.budgets.maxTestRuns} test runs of the budget were used (budgets.maxTestRuns).`,
    };
    return null;
  }
  s.testRuns += 1;
  const report = await s.deps.tests.run(selection);
  s.testMs += report.durationMs;
  // The live status shows the run that just ended, whatever its scope, with its round:
  // counts from an earlier round or a subset are never shown as the current suite's.
  s.lastTests = testCounts(
    s,
    report,
    selection === undefined ? 'full' : (selection.tests ?? []).length > 0 ? 'selected' : 'related',
  );
  const scope =
    selection === undefined ? '' : ` [${[...(selection.tests ?? []), ...(selection.changedFiles ?? [])].join(' ')}]`;
  s.deps.audit.write({
    kind: 'command',
    command: `${s.deps.tests.command.command}${scope}`,
    exitCode: report.exitCode,
    timedOut: report.timedOut,
    outputExcerpt: report.outputTail.slice(-s.limits.auditExcerptChars),
    durationMs: report.durationMs,
    purpose,
    tests: { ...report.totals },
  });
  if (report.discarded !== undefined && report.discarded.length > 0) {
    s.deps.audit.write({
      kind: 'note',
      message: 'discarded files the test command wrote',
      data: { paths: report.discarded },
    });
  }
  await reportProgress(s);
  return report;
}

/** The progress counts of `report`, a run of `scope` in the current round. */
export function testCounts(s: LoopSession, report: TestReport, scope: NonNullable<TestCounts['scope']>): TestCounts {
  const t = report.totals;
  return { passed: t.passed, failed: t.failed + t.errored, total: t.total, round: s.iteration, scope };
}

/** `current` against the baseline; a related or named-test run is a subset, so unrun tests are not `removed`. */
export function compare(s: LoopSession, current: TestReport): BaselineComparison {
  const baseline = s.baseline as TestReport;
  if (s.deps.compare !== undefined) return s.deps.compare(baseline, current);
  return compareToBaseline(baseline, current, { subset: current.scope === 'related' || current.scope === 'tests' });
}

export function baselineFailures(s: LoopSession): Set<string> {
  return new Set(
    (s.baseline?.tests ?? []).filter((t) => t.status === 'failed' || t.status === 'errored').map((t) => t.id),
  );
}

/** The compact report the model sees, with pre-existing failures named apart. */
export function renderForModel(s: LoopSession, report: TestReport): string {
  return renderWithPreExisting(report, s.limits.reportBudgetChars, baselineFailures(s), s.deps.renderReport);
}

export function setStep(s: LoopSession, step: StepName, state: StepState, detail?: string): void {
  s.steps[step] = detail === undefined ? { state } : { state, detail };
}

/** Send the current snapshot. Progress is cosmetic: a failing reporter never stops a run. */
export async function reportProgress(s: LoopSession): Promise<void> {
  const snapshot: ProgressSnapshot = {
    steps: structuredClone(s.steps),
    iteration: s.iteration,
    maxIterations: s.request.config.budgets.maxIterations,
    tokens: totalTokens(s.usage),
    costUsd: s.costUsd,
  };
  if (s.lastTests !== undefined) snapshot.tests = { ...s.lastTests };
  try {
    await s.deps.progress.update(snapshot);
  } catch (error) {
    s.deps.audit.write({ kind: 'note', message: 'progress update failed', data: { error: String(error) } });
  }
}

/** Why the run must stop after a `runSuite` returned null. */
export function stopReason(s: LoopSession): StopReason {
  return (
    s.budgetStop ?? {
      code: 'time-budget',
      message: `The wall-time budget of ${s.request.config.budgets.maxMinutes} min was used up.`,
    }
  );
}

/**
 * Puts back every changed path the model's tools did not write (files a test run or
 * anything else left behind), so that the change is the model's own edits only
 * (docs/security.md §29). Returns the changes that remain.
 */
export async function ownChanges(s: LoopSession): Promise<FileChange[]> {
  const { workspace, checkpoints, audit } = s.deps;
  const base = s.request.task.baseSha;
  const changes = await workspace.changes(base);
  const foreign = [
    ...new Set(changes.flatMap((c) => [c.path, ...(c.previousPath === undefined ? [] : [c.previousPath])])),
  ].filter((path) => !s.editedPaths.has(path));
  if (foreign.length === 0 || s.baseCheckpoint === '') return changes;
  await checkpoints.restorePaths(s.baseCheckpoint, foreign);
  audit.write({ kind: 'note', message: 'discarded changes the model did not make', data: { paths: foreign.sort() } });
  return workspace.changes(base);
}

export function noteStop(s: LoopSession, reason: StopReason): void {
  s.deps.audit.write({ kind: 'note', message: 'loop stopped', data: reason });
}
