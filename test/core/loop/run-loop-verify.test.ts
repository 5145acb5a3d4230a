import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { createFile, endTurn, toolUses } from '../../fakes/model-script.ts';
import { EDITOR_TOOL } from '../../fakes/fake-repo-tools.ts';
import { ADD_TEST, repoFiles } from './fixture.ts';

// executions of the flaky test: related run (1), full run (2), reruns (3, 4, 5): it fails the 2nd rerun
const FLAKY_TEST = "it('adds quickly', () => {}); // @flaky(4)\n";
const createBoth = toolUses([
  { name: EDITOR_TOOL, input: { command: 'create', path: 'src/add.test.ts', file_text: ADD_TEST } },
  { name: EDITOR_TOOL, input: { command: 'create', path: 'src/add.timing.test.ts', file_text: FLAKY_TEST } },
]);

describe('runLoop verification', () => {
  it('drops a generated test file holding a flaky test and proposes the rest', async () => {
    const f = createFakeLoop({ files: repoFiles(), script: [createBoth, endTurn()] });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    if (outcome.kind !== 'succeeded') return;
    expect(outcome.report.verification?.reruns).toEqual({
      count: 3,
      tests: ['src/add.test.ts::adds', 'src/add.timing.test.ts::adds quickly'],
      flaky: ['src/add.timing.test.ts::adds quickly'],
      droppedFiles: ['src/add.timing.test.ts'],
    });
    expect(outcome.changes.map((c) => c.path)).toEqual(['src/add.test.ts']);
    expect(f.repo.read('src/add.timing.test.ts')).toBeNull();
    expect(outcome.report.notes).toEqual([
      'Dropped `src/add.timing.test.ts`: flaky test(s) src/add.timing.test.ts::adds quickly.',
    ]);
    expect(outcome.report.tests.final?.total).toBe(2);
    expect(f.checkpoints.calls).toContain('restorePaths cp-1 src/add.timing.test.ts');
  });

  it('fails the run on a flaky test when tests.onFlaky is fail', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { tests: { onFlaky: 'fail' } },
      script: [createBoth, endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'flaky-tests',
      message:
        'Generated tests failed a rerun (flaky): src/add.timing.test.ts::adds quickly. The run fails (tests.onFlaky: fail).',
    });
    expect(outcome.report.verification?.reruns?.flaky).toEqual(['src/add.timing.test.ts::adds quickly']);
  });

  it('gives up when every generated test was flaky and dropped', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [createFile('src/add.timing.test.ts', FLAKY_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome).toMatchObject({
      kind: 'gave-up',
      reason: {
        code: 'flaky-tests',
        message:
          'Every generated test file held a flaky test (src/add.timing.test.ts::adds quickly) and was dropped; nothing is left to propose.',
      },
    });
  });

  it('skips reruns when flakinessReruns is 0', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { tests: { flakinessReruns: 0 } },
      script: [createBoth, endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(f.tests.runs).toHaveLength(3);
  });

  it('requires a coverage rise when configured, and asks for more tests until there is one', async () => {
    const measured = [
      { beforePercent: 70, afterPercent: 70 },
      { beforePercent: 70, afterPercent: 74.5 },
    ];
    const requests: unknown[] = [];
    const f = createFakeLoop({
      files: repoFiles(),
      config: { tests: { coverage: { required: true, minDeltaPercent: 1 } } },
      script: [
        createFile('test/mul.more.test.ts', "it('multiplies by zero', () => {});\n"),
        endTurn(),
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
      ],
      deps: {
        measureCoverage: async (request) => {
          requests.push(request);
          return measured.shift() ?? { beforePercent: 0, afterPercent: 0 };
        },
      },
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.verification?.coverage).toEqual({
      beforePercent: 70,
      afterPercent: 74.5,
      minDeltaPercent: 1,
      raised: true,
    });
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['coverage-not-raised', 'passed']);
    expect(requests[0]).toEqual({ targetFiles: [], testFiles: ['test/mul.more.test.ts'] });
    const feedback = f.model.requests[2]?.messages.at(-1)?.content[0];
    expect(feedback?.type === 'text' && feedback.text).toBe(
      'The tests pass, but (round 2 of 5): Line coverage went from 70.0% to 70.0%; this repository requires at least +1 points. ' +
        'Add tests that exercise code paths that are not covered yet, then end your turn.',
    );
  });

  it('cannot succeed when coverage is required but nothing can measure it', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { tests: { coverage: { required: true } } },
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome).toMatchObject({
      kind: 'gave-up',
      reason: {
        code: 'coverage-not-raised',
        message: 'tests.coverage.required is set but no coverage measurement is available for this project.',
      },
    });
  });
});
