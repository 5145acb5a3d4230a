import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import type { TestReport } from '../../../src/ports/test-runner.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { createFile, endTurn } from '../../fakes/model-script.ts';
import { ADD_TEST, repoFiles } from './fixture.ts';

/** What a fresh checkout shows when the working copy only passed thanks to something left behind. */
const failsFresh = (report: TestReport): TestReport => ({
  ...report,
  exitCode: 1,
  totals: { ...report.totals, passed: report.totals.passed - 1, failed: 1 },
  tests: report.tests.map((t) =>
    t.id === 'test/mul.test.ts::multiplies' ? { ...t, status: 'failed', message: 'AssertionError: 6 !== 5' } : t,
  ),
});

describe('runLoop: the fresh checkout has the last word (docs/security.md §28)', () => {
  it('does not verify a change that passes only in the working copy, tells the model, and stops unverified', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      // Enough test runs for two whole verifications: this is about the verdict, not the budget.
      config: { budgets: { maxIterations: 2, maxTestRuns: 20 } },
      runner: { fresh: failsFresh },
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn(), endTurn('Nothing to change.')],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'not-reproducible',
      message:
        'The full suite passed in the working copy but not on a fresh checkout of the change, so it is not verified.',
    });
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['not-reproducible', 'not-reproducible']);
    expect(outcome.report.verification?.freshCheckout).toEqual({
      passed: 1,
      failed: 1,
      errored: 0,
      skipped: 0,
      total: 2,
    });
    const feedback = f.model.requests[2]?.messages.at(-1)?.content.at(-1);
    const text = feedback?.type === 'text' ? feedback.text : '';
    expect(text).toMatch(
      /^The engine did not accept your change \(round 2 of 2\)\. The full suite passed in the working copy/,
    );
    expect(text).toContain('1 test(s) fail because of the change: test/mul.test.ts::multiplies');
    expect(text).toContain('what a test writes while it runs, and files git ignores, are not part of it');
    expect(f.audit.ofKind('command').map((c) => c.command)).toContainEqual(
      expect.stringMatching(/^npm test \[fresh checkout of cp-\d+\]$/),
    );
  });

  it('verifies with the fresh run’s figures and hands on the tree it tested', async () => {
    const f = createFakeLoop({ files: repoFiles(), script: [createFile('src/add.test.ts', ADD_TEST), endTurn()] });
    const outcome = await runLoop(f.request, f.deps);
    expect(outcome.kind).toBe('succeeded');
    expect(outcome.kind === 'succeeded' && outcome.tree).toMatch(/^cp-\d+$/);
    expect(outcome.report.tests.final).toEqual(outcome.report.verification?.freshCheckout);
  });
});
