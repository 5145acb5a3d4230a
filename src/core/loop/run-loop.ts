/**
 * The generate → test → fix → verify loop, step 3 of
 * docs/architecture.md "A job, from request to pull request": baseline, then rounds of
 * one model turn plus the engine's own validation, until a change passes verification
 * or a budget stops the run. The outcome is a value with the full accounting; on a
 * stop, the best state reached is what stays in the tree.
 */
import type { TestReport } from '../../ports/test-runner.ts';
import { buildCachedPrefix } from '../prompt/cached-prefix.ts';
import { renderFirstTurn } from '../prompt/first-turn.ts';
import { renderFeedback, type Feedback } from '../prompt/render-feedback.ts';
import { reproductionRequired } from './check-before-fix.ts';
import { converse } from './converse.ts';
import type { TamperFinding } from './detect-test-tampering.ts';
import { scoreReport } from './judge-report.ts';
import { renderPreflightRefusal } from '../report/render-preflight-refusal.ts';
import { judgeBaseline, type BaselineProblem } from '../testing/judge-baseline.ts';
import type { LoopDeps } from './loop-deps.ts';
import type { IterationRecord, IterationResult, LoopOutcome, LoopReport, StopReason } from './loop-outcome.ts';
import type { LoopRequest } from './loop-request.ts';
import {
  compare,
  createSession,
  elapsedMs,
  noteStop,
  ownChanges,
  pushUser,
  renderForModel,
  reportProgress,
  runSuite,
  setStep,
  stopReason,
  testCounts,
  totalTokens,
  type LoopSession,
} from './loop-session.ts';
import { RUN_TESTS_TOOL, runTestsSpec } from './run-tests-tool.ts';
import { validateChange, type Validation } from './validate-change.ts';
import { verifyChange } from './verify-change.ts';

/**
 * Run the loop on a prepared workspace (clean at `request.task.baseSha`).
 *
 * @example
 * const outcome = await runLoop({ task, contextText, config }, { model, tools, tests, workspace, checkpoints, clock, audit, progress, costOf });
 * if (outcome.kind === 'succeeded') console.log(outcome.diff);
 */
export async function runLoop(request: LoopRequest, deps: LoopDeps): Promise<LoopOutcome> {
  const prefix = buildCachedPrefix({
    mode: request.task.mode,
    testCommand: deps.tests.command,
    runTestsTool: RUN_TESTS_TOOL,
    contextText: request.contextText,
    tools: [...deps.tools.specs, runTestsSpec],
  });
  const s = createSession(request, deps, prefix);
  const { task, config } = request;
  deps.audit.write({
    kind: 'run-start',
    mode: task.mode,
    task: task.title,
    model: deps.model.modelId,
    base: task.baseSha,
    provider: deps.model.provider,
  });

  setStep(s, 'baseline', 'running');
  await reportProgress(s);
  s.baseCheckpoint = await deps.checkpoints.save('baseline');
  const baseline = await runSuite(s, undefined, 'baseline');
  if (baseline === null) return finish(s, stopReason(s), { validate: false });
  s.baseline = baseline;
  deps.audit.write({
    kind: 'note',
    message: 'baseline',
    data: { exitCode: baseline.exitCode, crashed: baseline.crashed, totals: baseline.totals },
  });
  // The preflight: a suite that could not run stops the run before its first model call.
  const problem = judgeBaseline(baseline, {
    command: deps.tests.command.command,
    allowNoTests: config.tests.allowNoTests,
    mode: request.mustFixBaselineFailures === true ? 'fix' : task.mode === 'fix' ? 'fix' : 'generate',
  });
  if (problem !== null) return refuseBeforeModel(s, problem);
  deps.onBaseline?.(baseline);
  s.baseDiff = await deps.workspace.diff(task.baseSha);
  s.best = {
    checkpoint: s.baseCheckpoint,
    score: scoreReport(baseline, compare(s, baseline)) ?? [-Infinity],
    iteration: 0,
    diff: s.baseDiff,
    report: baseline,
    provisional: false,
  };
  s.lastValidatedDiff = s.baseDiff;
  setStep(s, 'baseline', 'done', describeBaseline(baseline));
  const firstTurn = renderFirstTurn({
    task,
    baseline,
    mustFixBaselineFailures: request.mustFixBaselineFailures === true,
    requireReproduction: reproductionRequired(task, config.verify),
    renderReport: (report) => renderForModel(s, report),
  });
  pushUser(s, [{ type: 'text', text: firstTurn }]);

  const max = config.budgets.maxIterations;
  let consecutiveTampering = 0;
  for (let iteration = 1; iteration <= max; iteration += 1) {
    s.iteration = iteration;
    setStep(s, 'iterations', 'running', `round ${iteration} of ${max}`);
    await reportProgress(s);
    const end = await converse(s);
    const log: IterationRecord = {
      iteration,
      modelCalls: end.modelCalls,
      toolCalls: end.toolCalls,
      result: 'not-validated',
      tests: null,
      testScope: null,
    };
    s.iterationLog.push(log);
    if (end.kind === 'refused') return refuse(s, end.reason);
    if (end.kind === 'stopped') return finish(s, end.reason, { validate: end.reason.code !== 'time-budget' });
    if (end.kind === 'call-limit')
      s.notes.push(
        `Round ${iteration} was ended after ${end.modelCalls} model calls without the model ending its turn.`,
      );

    // On the last round the full suite runs directly, so that the final state is scored.
    const validation = await validateChange(s, { relatedFirst: iteration < max });
    s.lastValidatedDiff = await deps.workspace.diff(task.baseSha);
    record(log, validation);
    let feedback: Feedback;
    switch (validation.kind) {
      case 'out-of-budget':
        return finish(s, stopReason(s), { validate: false });
      case 'no-changes':
        feedback = { kind: 'no-changes' };
        break;
      case 'tampered':
        addTampering(s, validation.findings);
        deps.audit.write({ kind: 'note', message: 'test tampering rejected', data: validation.findings });
        consecutiveTampering += 1;
        if (consecutiveTampering >= 2) {
          return refuse(
            s,
            `The model deleted, skipped or weakened existing tests in two rounds in a row (${validation.findings.map((f) => f.detail).join('; ')}). The engine does not accept such a change.`,
          );
        }
        feedback = { kind: 'tampered', findings: validation.findings };
        break;
      case 'failed': {
        const report = renderForModel(s, validation.report);
        s.lastFailure = report;
        feedback = { kind: 'failed', scope: validation.scope, why: validation.why, report };
        break;
      }
      case 'passed': {
        setStep(s, 'verify', 'running');
        await reportProgress(s);
        const verification = await verifyChange(s, validation);
        s.verification = verification.summary;
        if (verification.kind === 'verified') return succeed(s, verification);
        if (verification.kind === 'stop') return finish(s, verification.reason, { validate: false });
        log.result = verification.result;
        setStep(s, 'verify', 'pending');
        feedback = {
          kind: verification.result === 'not-reproducible' ? 'not-reproducible' : 'not-verified',
          text: verification.feedback,
        };
        if (verification.result === 'not-reproducible') s.lastFailure = verification.feedback;
        if (iteration === max) return finish(s, verification.stop, { validate: false });
        break;
      }
    }
    if (validation.kind !== 'tampered') consecutiveTampering = 0;
    if (iteration < max) pushUser(s, [{ type: 'text', text: renderFeedback(feedback, iteration + 1, max) }]);
  }
  return finish(
    s,
    { code: 'iteration-budget', message: `All ${max} rounds were used without a change that passes verification.` },
    { validate: false },
  );
}

function record(log: IterationRecord, v: Validation): void {
  const results: Record<Validation['kind'], IterationResult> = {
    'no-changes': 'no-changes',
    'out-of-budget': 'not-validated',
    tampered: 'tampered',
    failed: 'full-failed',
    passed: 'passed',
  };
  log.result = results[v.kind];
  if (v.kind === 'failed') {
    log.result = v.report.crashed ? 'crashed' : v.scope === 'related' ? 'related-failed' : 'full-failed';
    log.tests = v.report.totals;
    log.testScope = v.scope;
  } else if (v.kind === 'passed') {
    log.tests = v.report.totals;
    log.testScope = 'full';
  }
}

function addTampering(s: LoopSession, findings: TamperFinding[]): void {
  for (const f of findings) {
    if (!s.tampering.some((t) => t.kind === f.kind && t.detail === f.detail)) s.tampering.push(f);
  }
}

async function succeed(s: LoopSession, verified: { report: TestReport; tree: string }): Promise<LoopOutcome> {
  const { workspace, audit } = s.deps;
  setStep(s, 'iterations', 'done', `${s.iteration} of ${s.request.config.budgets.maxIterations} rounds`);
  setStep(s, 'verify', 'done', verifyDetail(s));
  // The last runs were reruns of the new tests: the run ends showing the verified full
  // suite, the one run on the fresh checkout of the change.
  s.lastTests = testCounts(s, verified.report, 'full');
  await reportProgress(s);
  const changes = await ownChanges(s);
  const diff = await workspace.diff(s.request.task.baseSha);
  const report = buildReport(s, verified.report, null, null);
  auditAccounting(s, report);
  audit.write({ kind: 'run-end', outcome: 'succeeded' });
  return { kind: 'succeeded', diff, changes, report, tree: verified.tree };
}

/**
 * Stop without success. A state reached after the last validation (a budget cut the
 * model off mid-turn) is validated first when time remains — it may be the best, and
 * if it passes verification the run succeeds, because the engine decides, not the
 * model. Then the best state is restored.
 */
async function finish(s: LoopSession, reason: StopReason, options: { validate: boolean }): Promise<LoopOutcome> {
  const { workspace, checkpoints, audit } = s.deps;
  const base = s.request.task.baseSha;
  noteStop(s, reason);
  if (options.validate && s.baseline !== null && (await workspace.diff(base)) !== s.lastValidatedDiff) {
    const validation = await validateChange(s, { relatedFirst: false });
    s.lastValidatedDiff = await workspace.diff(base);
    if (validation.kind === 'tampered') addTampering(s, validation.findings);
    if (validation.kind === 'failed') s.lastFailure = renderForModel(s, validation.report);
    if (validation.kind === 'passed') {
      const verification = await verifyChange(s, validation);
      s.verification = verification.summary;
      if (verification.kind === 'verified') {
        s.notes.push(
          `${reason.message} The state the model had reached passes verification, so the change is proposed.`,
        );
        return succeed(s, verification);
      }
    }
  }
  let restoredFrom: number | null = null;
  if (s.best !== null && (await workspace.diff(base)) !== s.best.diff) {
    await checkpoints.restore(s.best.checkpoint);
    restoredFrom = s.best.iteration;
    audit.write({
      kind: 'note',
      message: 'restored best state',
      data: { iteration: s.best.iteration, score: s.best.score },
    });
  }
  let final = s.best?.report ?? null;
  if (s.best?.provisional === true) {
    // The best state was only scored from a related run: report real full-suite figures.
    final = (await runSuite(s, undefined, 'full')) ?? final;
    if (final !== null && final === s.best.report)
      s.notes.push(
        'The final test figures are estimated from a related-test run (no time was left for the full suite).',
      );
  }
  setStep(s, 'iterations', 'failed', reason.message);
  setStep(s, 'verify', s.verification === null ? 'skipped' : 'failed');
  await reportProgress(s);
  const changes = await ownChanges(s);
  const diff = await workspace.diff(base);
  const tree = await checkpoints.save('result');
  const report = buildReport(s, final, reason, restoredFrom);
  auditAccounting(s, report);
  audit.write({ kind: 'run-end', outcome: 'gave-up', reason: reason.message });
  return { kind: 'gave-up', diff, changes, reason, report, tree };
}

async function refuse(s: LoopSession, reason: string): Promise<LoopOutcome> {
  const { workspace, checkpoints, audit } = s.deps;
  // No change is proposed: leave the tree as it was at the start.
  if (s.baseCheckpoint !== '' && (await workspace.diff(s.request.task.baseSha)) !== s.baseDiff)
    await checkpoints.restore(s.baseCheckpoint);
  setStep(s, 'iterations', 'failed', 'refused');
  setStep(s, 'verify', 'skipped');
  await reportProgress(s);
  const report = buildReport(s, s.baseline, null, null);
  auditAccounting(s, report);
  audit.write({ kind: 'run-end', outcome: 'refused', reason });
  return { kind: 'refused', reason, report };
}

/** Each round's result and the test totals before and after, for the evidence record. */
function auditAccounting(s: LoopSession, report: LoopReport): void {
  for (const round of report.iterationLog) {
    const { iteration, modelCalls, toolCalls, result, tests } = round;
    s.deps.audit.write({ kind: 'round', iteration, modelCalls, toolCalls, result, tests });
  }
  s.deps.audit.write({
    kind: 'test-totals',
    before: s.baseline === null ? null : report.tests.baseline,
    after: report.tests.final,
  });
}

/** The preflight's refusal: nothing was changed and no model was called. */
async function refuseBeforeModel(s: LoopSession, problem: BaselineProblem): Promise<LoopOutcome> {
  const reason = renderPreflightRefusal({ problem, command: s.deps.tests.command, config: s.request.config });
  setStep(s, 'baseline', 'failed', problem.summary);
  setStep(s, 'iterations', 'skipped');
  setStep(s, 'verify', 'skipped');
  await reportProgress(s);
  s.deps.audit.write({ kind: 'note', message: 'preflight refused', data: problem });
  const report = buildReport(s, s.baseline, null, null);
  auditAccounting(s, report);
  s.deps.audit.write({ kind: 'run-end', outcome: 'refused', reason: problem.summary });
  return { kind: 'refused', reason, preflight: problem, report };
}

function buildReport(
  s: LoopSession,
  final: TestReport | null,
  stop: StopReason | null,
  restoredFrom: number | null,
): LoopReport {
  const baseline = s.baseline;
  const failing = (baseline?.tests ?? [])
    .filter((t) => t.status === 'failed' || t.status === 'errored')
    .map((t) => t.id)
    .sort();
  const wallMs = elapsedMs(s);
  return {
    mode: s.request.task.mode,
    model: s.deps.model.modelId,
    testCommand: s.deps.tests.command.command,
    iterations: s.iteration,
    maxIterations: s.request.config.budgets.maxIterations,
    turns: s.turns,
    iterationLog: s.iterationLog,
    usage: { ...s.usage },
    totalTokens: totalTokens(s.usage),
    costUsd: s.costUsd,
    wallMs,
    modelMs: s.modelMs,
    testMs: s.testMs,
    testRuns: s.testRuns,
    budgets: s.budgets,
    tests: {
      baseline: baseline?.totals ?? { passed: 0, failed: 0, errored: 0, skipped: 0, total: 0 },
      final: final?.totals ?? null,
      baselineFailures: failing,
      baselineCrashed: baseline?.crashed ?? false,
    },
    verification: s.verification,
    tampering: s.tampering,
    lastFailure: s.lastFailure,
    stop,
    restoredBestFromIteration: restoredFrom,
    notes: s.notes,
  };
}

function describeBaseline(report: TestReport): string {
  // Only a fix run gets here with a crashed suite (judgeBaseline): making it run is the fix.
  if (report.crashed) return 'the suite crashes before any change: the fix must make it run';
  const t = report.totals;
  const failing = t.failed + t.errored;
  return failing === 0 ? `${t.passed} passed` : `${t.passed} passed, ${failing} failing before any change`;
}

function verifyDetail(s: LoopSession): string {
  const r = s.verification?.reruns;
  if (r === null || r === undefined || r.tests.length === 0) return 'full suite passed';
  return `full suite passed; ${r.tests.length} new/changed test(s) passed ${r.count} reruns`;
}
