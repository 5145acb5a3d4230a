import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { createFile, endTurn, strReplace } from '../../fakes/model-script.ts';
import { ADD_TEST, BUGGY_ADD, repoFiles } from './fixture.ts';

describe('runLoop', () => {
  it('succeeds on the first try and verifies the new test with reruns', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn('Added a test for add.')],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    if (outcome.kind !== 'succeeded') return;
    expect(outcome.changes.map((c) => [c.path, c.status])).toEqual([['src/add.test.ts', 'added']]);
    expect(outcome.diff).toContain("+it('adds'");
    expect(outcome.report.iterations).toBe(1);
    expect(outcome.report.tests.baseline).toEqual({ passed: 1, failed: 0, errored: 0, skipped: 0, total: 1 });
    expect(outcome.report.tests.final).toEqual({ passed: 2, failed: 0, errored: 0, skipped: 0, total: 2 });
    expect(outcome.report.verification).toEqual({
      fullSuitePassed: true,
      preExistingFailures: [],
      fixedFailures: [],
      newTests: ['src/add.test.ts::adds'],
      reruns: { count: 3, tests: ['src/add.test.ts::adds'], flaky: [], droppedFiles: [] },
      coverage: null,
      freshCheckout: { passed: 2, failed: 0, errored: 0, skipped: 0, total: 2 },
      // Tests for existing code: expected to pass on the base, which a tests-only change
      // shows without another run.
      beforeFix: {
        expectation: 'pass',
        required: false,
        reverted: [],
        tests: [{ id: 'src/add.test.ts::adds', origin: 'new', before: 'passed' }],
        timedOut: false,
        met: true,
      },
    });
    expect(outcome.kind === 'succeeded' && outcome.tree).toBe('cp-3');
    // baseline (full), related, full, then three reruns of the new test (the fresh checkout runs apart)
    expect(f.tests.runs).toEqual([
      undefined,
      { changedFiles: ['src/add.test.ts'] },
      undefined,
      { tests: ['src/add.test.ts::adds'] },
      { tests: ['src/add.test.ts::adds'] },
      { tests: ['src/add.test.ts::adds'] },
    ]);
    expect(outcome.report.turns).toHaveLength(2);
    expect(outcome.report.iterationLog).toEqual([
      {
        iteration: 1,
        modelCalls: 2,
        toolCalls: 1,
        result: 'passed',
        tests: outcome.report.tests.final,
        testScope: 'full',
      },
    ]);
  });

  it('succeeds after two rounds of failures, feeding each failure report back', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      script: [
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'a * b'),
        endTurn(),
        strReplace('src/add.ts', 'a * b', 'a + b'),
        endTurn('Fixed add.'),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.iterations).toBe(3);
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['related-failed', 'related-failed', 'passed']);
    const feedback = f.model.requests.map((r) => r.messages.at(-1)?.content.find((b) => b.type === 'text')?.text ?? '');
    expect(feedback[2]).toContain('The engine ran the tests related to your change (round 2 of 5)');
    expect(feedback[2]).toContain('FAILED src/add.test.ts:2 — adds');
    expect(feedback[2]).toContain('expected src/add.ts to contain "a + b"');
    expect(feedback[4]).toContain('(round 3 of 5)');
    expect(f.repo.read('src/add.ts')).toContain('a + b');
  });

  it('never converging: stops at the iteration budget and keeps the best state reached', async () => {
    const twoTests = `${ADD_TEST}it('adds negatives', () => {}); // @needs(src/add.ts: a + b)\nit('is a function', () => {});\n`;
    const worse = "it('adds', () => {}); // @needs(src/add.ts: a + b)\n";
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      config: { budgets: { maxIterations: 3 } },
      script: [
        createFile('src/add.test.ts', twoTests),
        endTurn(),
        createFile('src/add.test.ts', worse),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'a - b + 0'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason.code).toBe('iteration-budget');
    expect(outcome.reason.message).toBe('All 3 rounds were used without a change that passes verification.');
    expect(outcome.report.restoredBestFromIteration).toBe(1);
    expect(f.repo.read('src/add.test.ts')).toBe(twoTests);
    expect(f.repo.read('src/add.ts')).toBe(BUGGY_ADD);
    expect(outcome.changes.map((c) => c.path)).toEqual(['src/add.test.ts']);
    // the best state was scored from a related run; its real figures come from a full run
    expect(outcome.report.tests.final).toEqual({ passed: 2, failed: 2, errored: 0, skipped: 0, total: 4 });
    expect(outcome.report.lastFailure).toContain('FAILED src/add.test.ts:1 — adds');
    expect(f.model.remaining).toBe(0);
  });

  it('does not blame a pre-existing failure on the change', async () => {
    const files = { ...repoFiles(), 'test/legacy.test.ts': "it('legacy', () => {}); // @fail\n" };
    const f = createFakeLoop({ files, script: [createFile('src/add.test.ts', ADD_TEST), endTurn()] });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.tests.baselineFailures).toEqual(['test/legacy.test.ts::legacy']);
    expect(outcome.report.verification?.preExistingFailures).toEqual(['test/legacy.test.ts::legacy']);
    const first = f.model.requests[0]?.messages[0]?.content[0];
    expect(first?.type === 'text' && first.text).toContain('already reports these failures. They are not yours to fix');
  });

  it('in fix mode, requires the failing tests to pass when told to', async () => {
    const files = { ...repoFiles(BUGGY_ADD), 'src/add.test.ts': ADD_TEST };
    const f = createFakeLoop({
      files,
      task: { mode: 'fix', title: 'Fix add', body: '', pullRequestNumber: 7 },
      mustFixBaselineFailures: true,
      script: [
        strReplace('src/add.ts', 'return a - b;', 'return a - b; // TODO'),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'a + b'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['full-failed', 'passed']);
    expect(outcome.report.verification?.fixedFailures).toEqual(['src/add.test.ts::adds']);
    const retry = f.model.requests[2]?.messages.at(-1)?.content[0];
    expect(retry?.type === 'text' && retry.text).toContain('1 failing test(s) still fail: src/add.test.ts::adds');
  });

  it('tells the model when it ended a round without changing anything', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [endTurn('Nothing to do.'), createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['no-changes', 'passed']);
    const text = f.model.requests[1]?.messages.at(-1)?.content[0];
    expect(text?.type === 'text' && text.text).toBe(
      'You ended your turn without changing any file (round 2 of 5). Make the change with the tools, then end your turn.',
    );
  });

  it('feeds a crashed suite back with the output tail', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        createFile('src/add.test.ts', `${ADD_TEST}// @crash\n`),
        endTurn(),
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.iterationLog[0]?.result).toBe('crashed');
    const text = f.model.requests[2]?.messages.at(-1)?.content[0];
    expect(text?.type === 'text' && text.text).toContain('SyntaxError: Unexpected token (fake crash)');
  });

  it('accepts a runner without per-test results only when the whole command succeeds', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      runner: { structured: false },
      script: [
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'a + b'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['related-failed', 'passed']);
  });

  it('continues after a reply cut by the output limit', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        { content: [{ type: 'text', text: 'I will now' }], stopReason: 'max_tokens' },
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(f.model.requests[1]?.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Your reply was cut off by the output limit. Continue exactly where you stopped.' },
      ],
    });
  });

  it('returns refused when the model declines, leaving the tree as it was', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        createFile('src/x.test.ts', "it('x', () => {});\n"),
        { content: [{ type: 'text', text: 'I cannot help with that.' }], stopReason: 'refusal' },
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome).toMatchObject({ kind: 'refused', reason: 'The model declined the task: I cannot help with that.' });
    expect(f.repo.read('src/x.test.ts')).toBeNull();
    expect(f.audit.ofKind('run-end')).toEqual([
      { kind: 'run-end', outcome: 'refused', reason: 'The model declined the task: I cannot help with that.' },
    ]);
  });

  it('reports progress through every step', async () => {
    const f = createFakeLoop({ files: repoFiles(), script: [createFile('src/add.test.ts', ADD_TEST), endTurn()] });
    await runLoop(f.request, f.deps);

    const states = f.progress.snapshots.map(
      (p) => `${p.steps.baseline.state}/${p.steps.iterations.state}/${p.steps.verify.state}`,
    );
    expect(states[0]).toBe('running/pending/pending');
    expect(states).toContain('done/running/pending');
    expect(states).toContain('done/running/running');
    expect(f.progress.last).toMatchObject({
      steps: {
        understand: { state: 'done' },
        context: { state: 'done' },
        baseline: { state: 'done', detail: '1 passed' },
        iterations: { state: 'done', detail: '1 of 5 rounds' },
        verify: { state: 'done', detail: 'full suite passed; 1 new/changed test(s) passed 3 reruns' },
        publish: { state: 'pending' },
      },
      iteration: 1,
      maxIterations: 5,
      tests: { passed: 2, failed: 0, total: 2, round: 1, scope: 'full' },
    });
    expect(f.progress.last?.tokens).toBeGreaterThan(0);
  });

  it('reports the counts of every test run as it ends, with its round and what ran', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      script: [
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'a + b'),
        endTurn(),
      ],
    });
    await runLoop(f.request, f.deps);

    const runs = f.progress.snapshots
      .map((p) => (p.tests === undefined ? null : `${p.iteration}: ${JSON.stringify(p.tests)}`))
      .filter((line, k, all) => line !== null && line !== all[k - 1]);
    // The baseline, then round 1's own failing run before round 2 starts: never a
    // round shown with the counts of the one before without saying so.
    expect(runs[0]).toBe('0: {"passed":1,"failed":0,"total":1,"round":0,"scope":"full"}');
    const roundOne = runs.filter((r) => r!.startsWith('1: ') && r!.includes('"round":1'));
    expect(roundOne.length).toBeGreaterThan(0);
    expect(roundOne.some((r) => r!.includes('"failed":1'))).toBe(true);
    const firstOfRoundTwo = f.progress.snapshots.find((p) => p.iteration === 2)!;
    expect(firstOfRoundTwo.tests).toMatchObject({ round: 1, failed: 1 });
  });

  it('keeps running when the progress reporter fails', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
      deps: { progress: { update: () => Promise.reject(new Error('GitHub is down')) } },
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(f.audit.ofKind('note').some((n) => n.message === 'progress update failed')).toBe(true);
  });
});
