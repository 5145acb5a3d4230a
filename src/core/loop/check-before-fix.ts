/**
 * Proof that a fix reproduces the bug (docs/architecture.md "Proof that a fix reproduces
 * the bug"): the tests a verified change adds or changes are run once more against the
 * base — the change's test files kept, every other file it touched put back as it was —
 * in the sandbox, by the engine. A fix's test should fail there and pass with the fix;
 * tests written for existing code (a generate run that is not a bug report) should pass
 * there. The result is recorded in the audit log and the report, and with
 * `verify.requireFailBeforeFix` a fix that reproduces nothing fails verification.
 */
import type { BeforeFixRecord, BeforeFixTestRecord } from '../../ports/audit.ts';
import type { TestReport, TestStatus } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import type { VerifyConfig } from '../config/repo-config.ts';
import type { BaselineComparison } from '../testing/compare-to-baseline.ts';
import type { TaskRequest } from '../task/task-request.ts';
import { runSuite, type LoopSession } from './loop-session.ts';
import { isTestPath } from './test-paths.ts';

/** The change as verification sees it: its full-suite report and files. */
export interface CheckedChange {
  report: TestReport;
  comparison: BaselineComparison;
  changes: FileChange[];
}

/**
 * What a run's new tests are expected to do on the base: `fail` for a fix (a `/fix`, or
 * an issue labelled with one of `verify.bugLabels`), `pass` for tests of existing code.
 *
 * @example
 * fixExpectation({ mode: 'generate', labels: ['Bug'], … }, { bugLabels: ['bug'], requireFailBeforeFix: false }) // 'fail'
 */
export function fixExpectation(
  task: Pick<TaskRequest, 'mode' | 'labels'>,
  verify: Pick<VerifyConfig, 'bugLabels'>,
): 'fail' | 'pass' {
  if (task.mode === 'fix') return 'fail';
  const bugLabels = new Set(verify.bugLabels.map((l) => l.toLowerCase()));
  return (task.labels ?? []).some((label) => bugLabels.has(label.toLowerCase())) ? 'fail' : 'pass';
}

/**
 * Whether `verify.requireFailBeforeFix` applies to this run: a fix of a reported bug (a
 * `/fix`, or a bug-labelled issue). A review's comments and a CI repair are fixes too,
 * and their check is reported, but neither reports a bug a new test could reproduce (a
 * review may ask for a rename, a red CI may be a lint step), so neither is refused for it.
 */
export function reproductionRequired(
  task: Pick<TaskRequest, 'mode' | 'labels' | 'reviewThreads' | 'ciFailure'>,
  verify: Pick<VerifyConfig, 'bugLabels' | 'requireFailBeforeFix'>,
): boolean {
  return (
    verify.requireFailBeforeFix &&
    fixExpectation(task, verify) === 'fail' &&
    task.reviewThreads === undefined &&
    task.ciFailure === undefined
  );
}

/**
 * Runs the check on the working tree (which holds the verified change) and leaves the
 * tree as it found it. Returns null when the wall-time budget ran out before the run.
 */
export async function checkBeforeFix(s: LoopSession, change: CheckedChange): Promise<BeforeFixRecord | null> {
  const expectation = fixExpectation(s.request.task, s.request.config.verify);
  const required = reproductionRequired(s.request.task, s.request.config.verify);
  const candidates = candidateTests(change);
  // A runner without per-test results: the whole suite, with the change's tests, is the one "test".
  const wholeSuite =
    !change.report.structured && change.changes.some((c) => c.status !== 'deleted' && isTestPath(c.path));
  if (wholeSuite) candidates.set(WHOLE_SUITE, 'suite');
  const reverted = [
    ...new Set(
      change.changes
        .filter((c) => !isTestPath(c.path))
        .flatMap((c) => (c.previousPath === undefined ? [c.path] : [c.path, c.previousPath])),
    ),
  ].sort();

  let before: Map<string, TestStatus | 'missing'>;
  let timedOut = false;
  if (candidates.size === 0) {
    before = new Map();
  } else if (reverted.length === 0) {
    // Only tests changed: the base code is the code they already passed on.
    before = new Map(
      [...candidates.keys()].map((id) => [id, id === WHOLE_SUITE ? 'passed' : statusIn(change.report, id)]),
    );
  } else {
    const { checkpoints } = s.deps;
    const head = await checkpoints.save('before-fix-head');
    let report: TestReport | null;
    try {
      await checkpoints.restorePaths(s.baseCheckpoint, reverted);
      report = await runSuite(s, wholeSuite ? undefined : { tests: [...candidates.keys()] }, 'before-fix');
    } finally {
      // Also removes whatever the run wrote: the change goes on exactly as verified.
      await checkpoints.restore(head);
    }
    if (report === null) return null;
    timedOut = report.timedOut;
    const run = report;
    before = new Map(
      [...candidates.keys()].map((id) => [id, id === WHOLE_SUITE ? suiteStatus(run) : statusIn(run, id)]),
    );
  }

  const tests: BeforeFixTestRecord[] = [];
  for (const [id, origin] of candidates) {
    const status = before.get(id) ?? 'missing';
    // An existing test whose result on the base did not move is not shown to have changed.
    if (origin === 'existing' && status === baselineStatus(s, id)) continue;
    tests.push({ id, origin: origin === 'existing' ? 'changed' : origin, before: status });
  }
  tests.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const failsBefore = (t: BeforeFixTestRecord) => t.before !== 'passed' && t.before !== 'skipped';
  const met = expectation === 'fail' ? !timedOut && tests.some(failsBefore) : !tests.some(failsBefore);
  const record: BeforeFixRecord = { expectation, required, reverted, tests, timedOut, met };
  s.deps.audit.write({ kind: 'before-fix', ...record });
  return record;
}

/** Why a required check failed, for the model's next round. */
export function beforeFixFeedback(record: BeforeFixRecord): string {
  const passing = record.tests.filter((t) => t.before === 'passed').map((t) => t.id);
  if (record.timedOut)
    return 'The run of your tests against the code before your fix timed out, so it proves nothing. Make the test that reproduces the bug fast, then end your turn.';
  if (record.tests.length === 0)
    return 'This repository requires every fix to come with a test that reproduces the bug, and your change adds or changes none. Add a test that fails without your fix and passes with it, then end your turn.';
  return [
    'This repository requires every fix to come with a test that reproduces the bug: it must fail when run against the code before your fix (your changes to non-test files reverted) and pass with it.',
    `Against the code before your fix, these new or changed tests pass as well, so none of them shows the bug: ${passing.join(', ')}.`,
    'Add or change a test so that it fails without your fix, then end your turn.',
  ].join(' ');
}

type Origin = 'new' | 'fixed' | 'existing' | 'suite';

/** The id the report uses when the runner gives no per-test results. */
export const WHOLE_SUITE = '(the whole test suite)';

/** New passing tests, failures the change fixed, and every passing test in a test file it added or changed. */
function candidateTests(change: CheckedChange): Map<string, Origin> {
  const out = new Map<string, Origin>();
  for (const id of change.comparison.byCategory['new-passing']) out.set(id, 'new');
  for (const id of change.comparison.byCategory.fixed) out.set(id, 'fixed');
  const changedTestFiles = new Set(
    change.changes.filter((c) => c.status !== 'deleted' && isTestPath(c.path)).map((c) => c.path),
  );
  for (const t of change.report.tests)
    if (t.status === 'passed' && t.file !== null && changedTestFiles.has(t.file) && !out.has(t.id))
      out.set(t.id, 'existing');
  return out;
}

function suiteStatus(report: TestReport): TestStatus {
  return report.exitCode === 0 && !report.crashed ? 'passed' : 'failed';
}

function statusIn(report: TestReport, id: string): TestStatus | 'missing' {
  return report.tests.find((t) => t.id === id)?.status ?? 'missing';
}

function baselineStatus(s: LoopSession, id: string): TestStatus | 'missing' {
  return s.baseline === null ? 'missing' : statusIn(s.baseline, id);
}
