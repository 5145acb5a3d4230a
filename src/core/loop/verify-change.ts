/**
 * Verification of a change whose full suite passed: every new or changed test must
 * pass N reruns (flaky ones are dropped or fail the run, per `tests.onFlaky`), the new
 * tests are run against the base (`checkBeforeFix`; a fix must reproduce its bug when
 * `verify.requireFailBeforeFix` says so), when configured coverage must rise, and finally
 * the full suite must pass again on a fresh checkout of exactly the change
 * (docs/security.md §28), so that nothing the run left in the working copy — an ignored
 * config, a changed dependency — can make it pass. The engine decides; the model is not
 * asked. The summary goes to the audit log.
 */
import type { BeforeFixRecord } from '../../ports/audit.ts';
import type { TestReport } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import type { BaselineComparison } from '../testing/compare-to-baseline.ts';
import { beforeFixFeedback, checkBeforeFix } from './check-before-fix.ts';
import { detectReportTampering } from './detect-test-tampering.ts';
import { judgeReport } from './judge-report.ts';
import type {
  CoverageSummary,
  IterationResult,
  RerunSummary,
  StopReason,
  VerificationSummary,
} from './loop-outcome.ts';
import { checkTimeBudget } from './budget-guard.ts';
import {
  compare,
  elapsedMs,
  renderForModel,
  runSuite,
  stopReason,
  testRunsLeft,
  type LoopSession,
} from './loop-session.ts';
import { isTestPath } from './test-paths.ts';

export type Verification =
  | { kind: 'verified'; summary: VerificationSummary; report: TestReport; tree: string }
  | { kind: 'stop'; reason: StopReason; summary: VerificationSummary }
  /** Not verified, but the model can still fix it: `feedback` goes back, `stop` ends the run on the last round. */
  | { kind: 'retry'; feedback: string; summary: VerificationSummary; result: IterationResult; stop: StopReason };

interface Passed {
  report: TestReport;
  comparison: BaselineComparison;
  changes: FileChange[];
}

export async function verifyChange(s: LoopSession, passed: Passed): Promise<Verification> {
  const verification = await verify(s, passed);
  const { newTests, fixedFailures, reruns, coverage } = verification.summary;
  s.deps.audit.write({ kind: 'verification', newTests, fixedFailures, reruns, coverage });
  return verification;
}

async function verify(s: LoopSession, passed: Passed): Promise<Verification> {
  const config = s.request.config.tests;
  let state = passed;
  let summary = summarize(state, null, null, null);

  const rerunIds = testsToRerun(state);
  const reruns: RerunSummary = { count: config.flakinessReruns, tests: rerunIds, flaky: [], droppedFiles: [] };
  if (config.flakinessReruns > 0 && rerunIds.length > 0) {
    const flaky = await rerun(s, rerunIds, config.flakinessReruns);
    if (flaky === null) return { kind: 'stop', reason: outOfBudget(s), summary: summarize(state, reruns, null, null) };
    reruns.flaky = flaky;
    if (flaky.length > 0) {
      const dropped = await dropFlaky(s, state, flaky, reruns);
      if (dropped.kind === 'stop')
        return { kind: 'stop', reason: dropped.reason, summary: summarize(state, reruns, null, null) };
      state = dropped.state;
    }
  }
  summary = summarize(state, reruns, null, null);

  const beforeFix = await checkBeforeFix(s, state);
  if (beforeFix === null) return { kind: 'stop', reason: outOfBudget(s), summary };
  summary = summarize(state, reruns, null, beforeFix);
  if (beforeFix.required && !beforeFix.met) {
    const feedback = beforeFixFeedback(beforeFix);
    return {
      kind: 'retry',
      feedback,
      summary,
      result: 'not-reproduced',
      stop: {
        code: 'not-reproduced',
        message: `No new or changed test fails without the fix (verify.requireFailBeforeFix): ${feedback}`,
      },
    };
  }

  if (config.coverage.required) {
    const coverage = await checkCoverage(s, state);
    summary = summarize(state, reruns, coverage.summary, beforeFix);
    if (coverage.summary === null) return { kind: 'stop', reason: coverage.reason, summary };
    if (!coverage.summary.raised)
      return {
        kind: 'retry',
        feedback: coverage.feedback,
        summary,
        result: 'coverage-not-raised',
        stop: { code: 'coverage-not-raised', message: coverage.feedback },
      };
  }

  // The fresh-checkout run is a test run like any other: it needs time and a run left in the budget.
  const spent =
    checkTimeBudget(s.request.config.budgets, elapsedMs(s)) ??
    (testRunsLeft(s) === 0
      ? {
          code: 'test-run-budget' as const,
          message: `All ${s.budgets.maxTestRuns} test runs of the budget were used (budgets.maxTestRuns) before the change could be verified on a fresh checkout.`,
        }
      : null);
  if (spent !== null) {
    s.budgetStop = spent;
    return { kind: 'stop', reason: outOfBudget(s), summary };
  }
  s.testRuns += 1;
  const fresh = await s.deps.verifyFresh();
  s.testMs += fresh.report.durationMs;
  s.deps.audit.write({
    kind: 'command',
    command: `${s.deps.tests.command.command} [fresh checkout of ${fresh.tree.slice(0, 12)}]`,
    exitCode: fresh.report.exitCode,
    timedOut: fresh.report.timedOut,
    outputExcerpt: fresh.report.outputTail.slice(-s.limits.auditExcerptChars),
    durationMs: fresh.report.durationMs,
    purpose: 'fresh-checkout',
    tests: { ...fresh.report.totals },
  });
  summary = { ...summary, freshCheckout: fresh.report.totals };
  const why = freshVerdict(s, fresh.report, state.changes);
  if (why !== null) {
    return {
      kind: 'retry',
      result: 'not-reproducible',
      stop: {
        code: 'not-reproducible',
        message:
          'The full suite passed in the working copy but not on a fresh checkout of the change, so it is not verified.',
      },
      feedback:
        `The full suite passed in the working copy, but not when the engine ran it again on a fresh checkout of exactly your change ` +
        `(the files you wrote, plus the installed dependencies; nothing else a test run left behind): ${why}.\n\n` +
        `${renderForModel(s, fresh.report)}\n\n` +
        'Make the change pass on its own: what a test writes while it runs, and files git ignores, are not part of it.',
      summary,
    };
  }
  return { kind: 'verified', summary, report: fresh.report, tree: fresh.tree };
}

/** Why the fresh-checkout run does not verify the change, or null when it does. */
function freshVerdict(s: LoopSession, report: TestReport, changes: FileChange[]): string | null {
  const baseline = s.baseline as TestReport;
  const judged = judgeReport(report, compare(s, report), {
    baseline,
    mustFixBaselineFailures: s.request.mustFixBaselineFailures === true,
  });
  if (judged !== null) return judged;
  const vanished = detectReportTampering(baseline, report, changes);
  return vanished.length === 0 ? null : vanished.map((f) => f.detail).join('; ');
}

/** New tests, and passing tests in test files the change added or modified. */
function testsToRerun(state: Passed): string[] {
  const changedTests = new Set(
    state.changes.filter((c) => c.status !== 'deleted' && isTestPath(c.path)).map((c) => c.path),
  );
  const ids = new Set(state.comparison.byCategory['new-passing']);
  for (const t of state.report.tests)
    if (t.status === 'passed' && t.file !== null && changedTests.has(t.file)) ids.add(t.id);
  return [...ids].sort();
}

/** Ids that failed, errored or went missing in any of `times` reruns; null when out of time. */
async function rerun(s: LoopSession, ids: string[], times: number): Promise<string[] | null> {
  const flaky = new Set<string>();
  for (let i = 0; i < times; i += 1) {
    const report = await runSuite(s, { tests: ids }, 'rerun');
    if (report === null) return null;
    const byId = new Map(report.tests.map((t) => [t.id, t]));
    for (const id of ids) if (byId.get(id)?.status !== 'passed') flaky.add(id);
  }
  return [...flaky].sort();
}

/**
 * `onFlaky: drop` removes the test files holding flaky tests (new files) or puts them
 * back as they were at the base commit (modified files), then proves the rest of the
 * change still passes the full suite. Whole files, because the engine does not edit
 * code itself; the report names every dropped file.
 */
async function dropFlaky(
  s: LoopSession,
  state: Passed,
  flaky: string[],
  reruns: RerunSummary,
): Promise<{ kind: 'ok'; state: Passed } | { kind: 'stop'; reason: StopReason }> {
  const names = flaky.join(', ');
  if (s.request.config.tests.onFlaky === 'fail') {
    return {
      kind: 'stop',
      reason: {
        code: 'flaky-tests',
        message: `Generated tests failed a rerun (flaky): ${names}. The run fails (tests.onFlaky: fail).`,
      },
    };
  }
  const files = new Set<string>();
  for (const id of flaky) {
    const file = state.report.tests.find((t) => t.id === id)?.file ?? null;
    if (file === null || !state.changes.some((c) => c.path === file)) {
      return {
        kind: 'stop',
        reason: {
          code: 'flaky-tests',
          message: `Test ${id} failed a rerun (flaky) and is not in a file the change touched, so it cannot be dropped.`,
        },
      };
    }
    files.add(file);
  }
  reruns.droppedFiles = [...files].sort();
  await s.deps.checkpoints.restorePaths(s.baseCheckpoint, reruns.droppedFiles);
  s.deps.audit.write({
    kind: 'note',
    message: 'dropped flaky test files',
    data: { flaky, files: reruns.droppedFiles },
  });
  s.notes.push(`Dropped ${reruns.droppedFiles.map((f) => `\`${f}\``).join(', ')}: flaky test(s) ${names}.`);

  const changes = await s.deps.workspace.changes(s.request.task.baseSha);
  if (changes.length === 0) {
    return {
      kind: 'stop',
      reason: {
        code: 'flaky-tests',
        message: `Every generated test file held a flaky test (${names}) and was dropped; nothing is left to propose.`,
      },
    };
  }
  const report = await runSuite(s, undefined, 'full');
  if (report === null) return { kind: 'stop', reason: outOfBudget(s) };
  const comparison = compare(s, report);
  const why =
    judgeReport(report, comparison, {
      baseline: s.baseline as TestReport,
      mustFixBaselineFailures: s.request.mustFixBaselineFailures === true,
    }) ??
    (detectReportTampering(s.baseline as TestReport, report, changes).length > 0
      ? 'baseline tests no longer run'
      : null);
  if (why !== null) {
    return {
      kind: 'stop',
      reason: {
        code: 'flaky-tests',
        message: `After dropping the flaky test file(s), the suite no longer passes: ${why}.`,
      },
    };
  }
  return { kind: 'ok', state: { report, comparison, changes } };
}

async function checkCoverage(
  s: LoopSession,
  state: Passed,
): Promise<{ summary: CoverageSummary; feedback: string } | { summary: null; reason: StopReason }> {
  const { minDeltaPercent } = s.request.config.tests.coverage;
  if (s.deps.measureCoverage === undefined) {
    return {
      summary: null,
      reason: {
        code: 'coverage-not-raised',
        message: 'tests.coverage.required is set but no coverage measurement is available for this project.',
      },
    };
  }
  const live = state.changes.filter((c) => c.status !== 'deleted');
  const m = await s.deps.measureCoverage({
    targetFiles: live.filter((c) => !isTestPath(c.path)).map((c) => c.path),
    testFiles: live.filter((c) => isTestPath(c.path)).map((c) => c.path),
  });
  const delta = m.afterPercent - m.beforePercent;
  const raised = delta > 0 && delta >= minDeltaPercent;
  const summary: CoverageSummary = {
    beforePercent: m.beforePercent,
    afterPercent: m.afterPercent,
    minDeltaPercent,
    raised,
  };
  const needed = minDeltaPercent > 0 ? `at least +${minDeltaPercent} points` : 'a rise';
  const feedback =
    `Line coverage went from ${m.beforePercent.toFixed(1)}% to ${m.afterPercent.toFixed(1)}%; this repository requires ${needed}. ` +
    'Add tests that exercise code paths that are not covered yet, then end your turn.';
  return { summary, feedback };
}

function summarize(
  state: Passed,
  reruns: RerunSummary | null,
  coverage: CoverageSummary | null,
  beforeFix: BeforeFixRecord | null,
): VerificationSummary {
  return {
    fullSuitePassed: true,
    preExistingFailures: [...state.comparison.byCategory['still-failing']].sort(),
    fixedFailures: [...state.comparison.byCategory.fixed].sort(),
    newTests: [...state.comparison.byCategory['new-passing']].sort(),
    reruns,
    coverage,
    beforeFix,
  };
}

function outOfBudget(s: LoopSession): StopReason {
  const reason = stopReason(s);
  return { code: reason.code, message: `While verifying the change: ${reason.message}` };
}
