// The fail-before-fix check (docs/architecture.md "Proof that a fix reproduces the bug"):
// the fake runner evaluates `@needs(src/add.ts: a + b)`, so a test with the marker fails
// on the buggy base and passes once the model fixed `add`.
import { describe, expect, it } from 'vitest';
import { fixExpectation, reproductionRequired, WHOLE_SUITE } from '../../../src/core/loop/check-before-fix.ts';
import type { TaskRequest } from '../../../src/core/task/task-request.ts';
import { sanitizeUntrustedText } from '../../../src/core/text/sanitize-untrusted-text.ts';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { EDITOR_TOOL } from '../../fakes/fake-repo-tools.ts';
import { endTurn, strReplace, toolUses } from '../../fakes/model-script.ts';
import { ADD_TEST, BUGGY_ADD, FIXED_ADD, repoFiles } from './fixture.ts';

/** A test that passes whatever `add` does: it reproduces nothing. */
const WEAK_TEST =
  "import { add } from './add';\nit('add is a function', () => { expect(typeof add).toBe('function'); });\n";
const ADDS = 'src/add.test.ts::adds';
const WEAK = 'src/add.test.ts::add is a function';

/** One reply that fixes `add` and writes `test` as src/add.test.ts. */
const fixWith = (test: string) =>
  toolUses([
    { name: EDITOR_TOOL, input: { command: 'str_replace', path: 'src/add.ts', old_str: 'a - b', new_str: 'a + b' } },
    { name: EDITOR_TOOL, input: { command: 'create', path: 'src/add.test.ts', file_text: test } },
  ]);

const fixTask = {
  mode: 'fix' as const,
  title: 'add subtracts',
  body: '',
  pullRequestNumber: 7,
  issueNumber: undefined,
};

describe('the fail-before-fix check', () => {
  it('a fix whose new test fails on the base: "fails before the fix: yes", and the fix stays in the tree', async () => {
    const f = createFakeLoop({ files: repoFiles(BUGGY_ADD), task: fixTask, script: [fixWith(ADD_TEST), endTurn()] });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix).toEqual({
      expectation: 'fail',
      required: false,
      reverted: ['src/add.ts'],
      tests: [{ id: ADDS, origin: 'new', before: 'failed' }],
      timedOut: false,
      met: true,
    });
    // The new test alone, against the base's add (reverted for the run, then the fix put back).
    expect(f.tests.runs.at(-1)).toEqual({ tests: [ADDS] });
    expect(f.repo.read('src/add.ts')).toBe(FIXED_ADD);
    expect(f.checkpoints.calls.slice(-4)).toEqual([
      expect.stringMatching(/^save before-fix-head -> cp-\d+$/),
      'restorePaths cp-1 src/add.ts',
      expect.stringMatching(/^restore cp-\d+$/),
      // Then the final run on a fresh checkout of the change (docs/security.md §28).
      expect.stringMatching(/^save fresh checkout -> cp-\d+$/),
    ]);
    const command = f.audit.ofKind('command').at(-2);
    expect(command).toMatchObject({ purpose: 'before-fix', exitCode: 1, tests: { failed: 1, total: 1 } });
    expect(f.audit.ofKind('before-fix')).toEqual([{ kind: 'before-fix', ...outcome.report.verification?.beforeFix }]);
  });

  it('a fix whose new test passes on the base is reported ("no") and still verified by default', async () => {
    const f = createFakeLoop({ files: repoFiles(BUGGY_ADD), task: fixTask, script: [fixWith(WEAK_TEST), endTurn()] });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix).toMatchObject({
      expectation: 'fail',
      required: false,
      tests: [{ id: WEAK, origin: 'new', before: 'passed' }],
      met: false,
    });
  });

  it('with verify.requireFailBeforeFix, "no" fails verification and goes back to the model, which adds a reproducing test', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      task: fixTask,
      config: { verify: { requireFailBeforeFix: true } },
      script: [
        fixWith(WEAK_TEST),
        endTurn(),
        strReplace('src/add.test.ts', WEAK_TEST.split('\n')[1] ?? '', ADD_TEST.split('\n')[1] ?? ''),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    // The first turn told the model what is required.
    const first = f.model.requests[0]?.messages[0]?.content[0];
    expect(first?.type === 'text' ? first.text : '').toContain(
      'at least one of them must fail there and pass with your fix',
    );
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['not-reproduced', 'passed']);
    const feedback = f.model.requests[2]?.messages.at(-1)?.content.at(-1);
    expect(feedback?.type === 'text' ? feedback.text : '').toBe(
      'The tests pass, but (round 2 of 5): This repository requires every fix to come with a test that reproduces the bug: ' +
        'it must fail when run against the code before your fix (your changes to non-test files reverted) and pass with it. ' +
        `Against the code before your fix, these new or changed tests pass as well, so none of them shows the bug: ${WEAK}. ` +
        'Add or change a test so that it fails without your fix, then end your turn.',
    );
    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix).toMatchObject({
      required: true,
      tests: [{ id: ADDS, origin: 'new', before: 'failed' }],
      met: true,
    });
    expect(f.audit.ofKind('before-fix').map((e) => e.met)).toEqual([false, true]);
  });

  it('with verify.requireFailBeforeFix, a fix that never reproduces the bug gives up on the last round', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      task: fixTask,
      config: { verify: { requireFailBeforeFix: true }, budgets: { maxIterations: 1 } },
      script: [fixWith(WEAK_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason.code).toBe('not-reproduced');
    expect(outcome.reason.message).toMatch(
      /^No new or changed test fails without the fix \(verify\.requireFailBeforeFix\)/,
    );
    expect(outcome.report.verification?.beforeFix?.met).toBe(false);
  });

  it('a required fix that adds no test at all is told to add one', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      task: fixTask,
      config: { verify: { requireFailBeforeFix: true }, budgets: { maxIterations: 1 } },
      script: [strReplace('src/add.ts', 'a - b', 'a + b'), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason.message).toContain('your change adds or changes none');
    expect(outcome.report.verification?.beforeFix).toMatchObject({ tests: [], met: false, reverted: ['src/add.ts'] });
    // No test to run: no run against the base.
    expect(f.audit.ofKind('command').some((c) => c.purpose === 'before-fix')).toBe(false);
  });

  it('tests for existing code: a generate run expects them to pass on the base, and says when one does not', async () => {
    const f = createFakeLoop({ files: repoFiles(BUGGY_ADD), script: [fixWith(ADD_TEST), endTurn()] });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix).toMatchObject({
      expectation: 'pass',
      tests: [{ id: ADDS, origin: 'new', before: 'failed' }],
      met: false,
    });
  });

  it('an issue labelled as a bug is a fix: its tests are expected to fail on the base', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      task: { labels: ['Bug', 'good first issue'] },
      config: { verify: { requireFailBeforeFix: true } },
      script: [fixWith(ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix).toMatchObject({ expectation: 'fail', required: true, met: true });
  });

  it('lists an existing test only when the change altered its result on the base; a failure it fixed counts', async () => {
    const existing =
      "import { add } from './add';\nit('adds zero', () => { expect(add(1, 0)).toBe(1); });\nit('adds two', () => {}); // @fail\n";
    const f = createFakeLoop({
      files: { ...repoFiles(BUGGY_ADD), 'src/add.test.ts': existing },
      task: fixTask,
      script: [
        // `adds zero` is untouched (it passes with either add); `adds two` now needs the fix.
        fixWith(
          existing.replace(
            "it('adds two', () => {}); // @fail",
            "it('adds two', () => {}); // @needs(src/add.ts: a + b)",
          ),
        ),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix?.tests).toEqual([
      { id: 'src/add.test.ts::adds two', origin: 'fixed', before: 'failed' },
    ]);
  });

  it("a runner without per-test results: the whole suite, with the change's tests, against the base", async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      task: fixTask,
      runner: { structured: false },
      script: [fixWith(ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix?.tests).toEqual([
      { id: WHOLE_SUITE, origin: 'suite', before: 'failed' },
    ]);
    expect(f.tests.runs.at(-1)).toBeUndefined();
  });

  it.each([
    ['fix', [], 'fail'],
    ['generate', [], 'pass'],
    ['generate', ['enhancement'], 'pass'],
    ['generate', ['BUG'], 'fail'],
    ['generate', ['regression'], 'fail'],
  ] as const)('%s with labels %j expects its tests to %s on the base', (mode, labels, expected) => {
    expect(fixExpectation({ mode, labels }, { bugLabels: ['bug', 'Regression'] })).toBe(expected);
  });

  const thread = {
    id: 101,
    path: sanitizeUntrustedText('src/add.ts'),
    startLine: null,
    line: 1,
    author: sanitizeUntrustedText('bob'),
    diffHunk: sanitizeUntrustedText('@@ -1 +1 @@'),
    body: sanitizeUntrustedText('Rename b.'),
  };
  const ciFailure = { runId: 900, report: sanitizeUntrustedText('Job "test" failed.') };
  it.each([
    ['a /fix', { mode: 'fix' }, true],
    ['an issue labelled bug', { mode: 'generate', labels: ['bug'] }, true],
    ['an issue asking for tests', { mode: 'generate' }, false],
    ["a review's comments", { mode: 'fix', reviewThreads: [thread] }, false],
    ['a CI repair', { mode: 'fix', ciFailure }, false],
  ] as const)('verify.requireFailBeforeFix applies to %s: %s', (_, task, expected) => {
    const on = { bugLabels: ['bug'], requireFailBeforeFix: true };
    expect(reproductionRequired(task as Partial<TaskRequest> as TaskRequest, on)).toBe(expected);
    expect(
      reproductionRequired(task as Partial<TaskRequest> as TaskRequest, { ...on, requireFailBeforeFix: false }),
    ).toBe(false);
  });

  it("a review's fix under verify.requireFailBeforeFix: its check is reported, and a test that passes on the base is no refusal", async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      task: { ...fixTask, reviewThreads: [thread] } as Parameters<typeof createFakeLoop>[0]['task'],
      config: { verify: { requireFailBeforeFix: true }, budgets: { maxIterations: 1 } },
      script: [fixWith(WEAK_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.beforeFix).toMatchObject({
      expectation: 'fail',
      required: false,
      tests: [{ id: WEAK, origin: 'new', before: 'passed' }],
      met: false,
    });
  });
});
