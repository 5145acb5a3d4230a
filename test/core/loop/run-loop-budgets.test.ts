import { describe, expect, it } from 'vitest';
import { GreenlightError } from '../../../src/ports/errors.ts';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import type { ScriptedReply } from '../../fakes/fake-model.ts';
import { createFile, endTurn, runTests, viewFile } from '../../fakes/model-script.ts';
import { renderRunReport } from '../../../src/core/report/render-run-report.ts';
import { ADD_TEST, BUGGY_ADD, repoFiles } from './fixture.ts';

const fixedUsage = (reply: ScriptedReply, inputTokens: number, outputTokens: number): ScriptedReply => ({
  ...reply,
  usage: { inputTokens, outputTokens, cacheWriteTokens: 0, cacheReadTokens: 0 },
});

describe('runLoop budgets (fail closed)', () => {
  it('stops BEFORE a call that could overspend the dollar budget', async () => {
    // each call really costs 5000 × $3/M + 1000 × $15/M = $0.03; the next worst case would pass $0.05
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxCostUsd: 0.05 }, model: { maxOutputTokens: 1000 } },
      script: [fixedUsage(viewFile('src/add.ts'), 5000, 1000), fixedUsage(endTurn(), 5000, 1000)],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason.code).toBe('cost-budget');
    expect(outcome.reason.message).toMatch(
      /^Stopped before a model call that could cost up to \$0\.0\d+: \$0\.0300 of the \$0\.05 budget were already spent\.$/,
    );
    expect(f.model.requests).toHaveLength(1);
    expect(outcome.report.costUsd).toBeCloseTo(0.03, 10);
    expect(outcome.report.costUsd).toBeLessThanOrEqual(0.05);
    expect(outcome.diff).toBe('');
  });

  it('makes no call at all when even the first could pass the budget', async () => {
    const f = createFakeLoop({ files: repoFiles(), config: { budgets: { maxCostUsd: 0.01 } }, script: [endTurn()] });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome).toMatchObject({ kind: 'gave-up', reason: { code: 'cost-budget' } });
    expect(f.model.requests).toHaveLength(0);
    expect(outcome.report.costUsd).toBe(0);
  });

  it('refuses every call for a model without a price (NaN cost)', async () => {
    const f = createFakeLoop({ files: repoFiles(), script: [endTurn()], deps: { costOf: () => Number.NaN } });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind === 'gave-up' && outcome.reason.message).toContain(
      'could cost an unknown amount (the model has no price)',
    );
    expect(f.model.requests).toHaveLength(0);
  });

  it('stops before a call that could pass the token budget', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxTokens: 20_000 }, model: { maxOutputTokens: 1000 } },
      script: [fixedUsage(viewFile('src/add.ts'), 8000, 500), fixedUsage(viewFile('src/mul.ts'), 9000, 500), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome).toMatchObject({ kind: 'gave-up', reason: { code: 'token-budget' } });
    expect(f.model.requests).toHaveLength(2);
    expect(outcome.report.totalTokens).toBe(18_000);
    expect(outcome.kind === 'gave-up' && outcome.reason.message).toMatch(
      /18,000 of the 20,000-token budget were already used/,
    );
  });

  it('stops at the wall-time budget and does not keep unvalidated edits', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxMinutes: 1 } },
      model: { durationMs: 20_000 },
      script: [createFile('src/add.test.ts', ADD_TEST), viewFile('src/add.ts'), viewFile('src/mul.ts'), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'time-budget',
      message: 'The wall-time budget of 1 min was used up (1.0 min elapsed).',
    });
    expect(f.model.requests).toHaveLength(3);
    expect(outcome.diff).toBe('');
    expect(f.repo.read('src/add.test.ts')).toBeNull();
  });

  it('validates the state a budget cut off and proposes it when it passes verification', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxCostUsd: 0.05 }, model: { maxOutputTokens: 1000 } },
      script: [fixedUsage(createFile('src/add.test.ts', ADD_TEST), 5000, 1000), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.notes[0]).toMatch(
      /^Stopped before a model call .* The state the model had reached passes verification, so the change is proposed\.$/,
    );
  });

  it('gives up on a model error after retries, keeping the best state', async () => {
    const fail = (): never => {
      throw new GreenlightError('model', 'Anthropic API overloaded (529) after 2 retries; try again later.');
    };
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      script: [createFile('src/add.test.ts', `${ADD_TEST}it('is exported', () => {});\n`), endTurn(), fail],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'model-error',
      message: 'The model call failed: Anthropic API overloaded (529) after 2 retries; try again later.',
    });
    expect(outcome.changes.map((c) => c.path)).toEqual(['src/add.test.ts']);
    expect(outcome.report.restoredBestFromIteration).toBeNull();
  });

  it('lets other errors through: they are bugs, not outcomes', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        () => {
          throw new TypeError('boom');
        },
      ],
    });
    await expect(runLoop(f.request, f.deps)).rejects.toThrow('boom');
  });
});

describe('the dollar budget is never overspent', () => {
  it('stops every run at or under its budget, and larger budgets buy more calls', async () => {
    const calls: number[] = [];
    for (const maxCostUsd of [0.01, 0.02, 0.035, 0.05, 0.08, 0.13]) {
      // usage is simulated from the real request size (4 characters per token); the model never finishes
      const script = Array.from({ length: 60 }, () => viewFile('src/add.ts'));
      const f = createFakeLoop({
        files: repoFiles(),
        config: { budgets: { maxCostUsd }, model: { maxOutputTokens: 500 } },
        script,
        contextText: 'context '.repeat(2000),
      });
      const outcome = await runLoop(f.request, f.deps);

      expect(outcome).toMatchObject({ kind: 'gave-up', reason: { code: 'cost-budget' } });
      expect(outcome.report.costUsd).toBeLessThanOrEqual(maxCostUsd);
      calls.push(f.model.requests.length);
    }
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
    expect(calls.at(-1)).toBeGreaterThan(calls[0] ?? 0);
  });
});

describe('model calls and test runs are bounded for the whole run', () => {
  /** A model that never ends its turn: it edits a test file and runs the tests, forever. */
  function restless(): ScriptedReply[] {
    return Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? createFile('src/add.test.ts', `${ADD_TEST}it('case ${i}', () => {}); // @fail\n`)
        : runTests({ tests: ['src/add.test.ts'] }),
    );
  }

  it('with maxIterations 2 and nothing else set: at most 20 model calls and 10 test runs', async () => {
    const f = createFakeLoop({ files: repoFiles(), config: { budgets: { maxIterations: 2 } }, script: restless() });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'model-call-budget',
      message: 'All 20 model calls of the budget were made (budgets.maxModelCalls).',
    });
    expect(f.model.requests).toHaveLength(20);
    expect(f.tests.runs.length).toBeLessThanOrEqual(10);
    expect(outcome.report.turns).toHaveLength(20);
    expect(outcome.report.testRuns).toBe(f.tests.runs.length);
    expect(outcome.report.budgets).toMatchObject({ maxIterations: 2, maxModelCalls: 20, maxTestRuns: 10 });
  });

  it("stops at budgets.maxTestRuns, the model's run_tests calls included, and reports what it used", async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxIterations: 10, maxTestRuns: 7, maxModelCalls: 1000 } },
      // Short rounds (the engine ends a round after 6 calls), so that rounds are left when the runs run out.
      limits: { maxModelCallsPerIteration: 6 },
      script: restless(),
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(f.tests.runs).toHaveLength(7);
    expect(outcome.report.testRuns).toBe(7);
    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'test-run-budget',
      message: 'All 7 test runs of the budget were used (budgets.maxTestRuns).',
    });
    // The model was told when run_tests stopped being available, and why.
    const refusals = f.audit
      .ofKind('tool-result')
      .filter((r) => r.name === 'run_tests' && r.isError)
      .map((r) => r.output);
    expect(refusals[0]).toBe(
      "run_tests is not available: 1 of the run's 7 test runs are used, and the engine keeps the last 6 to validate and verify your change. End your turn and the engine will run the tests.",
    );
    const body = renderRunReport({ outcome, task: f.request.task, sandbox: 'none' });
    expect(body).toContain('| Test runs | 7 | 7 |');
    expect(body).toContain(`| Model calls | ${outcome.report.turns.length} | 1,000 |`);
  });

  it('counts the fresh-checkout run: with none left for it, the change is not verified', async () => {
    // 1 baseline + 1 full run + 3 reruns = 5: nothing is left for the run on a fresh checkout.
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxTestRuns: 5 } },
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(f.tests.runs).toHaveLength(5);
    expect(outcome.report.testRuns).toBe(5);
    expect(outcome.kind).toBe('gave-up');
    if (outcome.kind !== 'gave-up') return;
    expect(outcome.reason).toEqual({
      code: 'test-run-budget',
      message:
        'While verifying the change: All 5 test runs of the budget were used (budgets.maxTestRuns) before the change could be verified on a fresh checkout.',
    });
  });

  it('keeps the runs verification needs: a change that passes is verified within the budget', async () => {
    // 1 baseline + 1 full run + 3 reruns + the fresh-checkout run = 6 (the model's run_tests are
    // refused: the last 6 are kept); the 7th is kept for the fail-before-fix run, which a change
    // of test files alone does not need. The fake runner counts the fresh-checkout run apart.
    const f = createFakeLoop({
      files: repoFiles(),
      config: { budgets: { maxTestRuns: 7 } },
      script: [createFile('src/add.test.ts', ADD_TEST), runTests(), runTests(), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.testRuns).toBe(6);
    expect(f.tests.runs).toHaveLength(5);
  });
});
