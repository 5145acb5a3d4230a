import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { renderRunReport } from '../../../src/core/report/render-run-report.ts';
import { renderProgressChecklist } from '../../../src/core/report/render-progress.ts';
import type { TestReport } from '../../../src/ports/test-runner.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { createFile, endTurn } from '../../fakes/model-script.ts';
import { ADD_TEST, repoFiles } from './fixture.ts';

/** The suite as a shell reports a client that is not installed. */
const pnpmMissing = (report: TestReport): TestReport => ({
  ...report,
  command: 'pnpm test',
  crashed: true,
  structured: false,
  exitCode: 127,
  totals: { passed: 0, failed: 0, errored: 1, skipped: 0, total: 1 },
  tests: [{ id: '(suite)', name: 'test command', file: null, status: 'errored', message: 'exit 127' }],
  outputTail: 'sh: 1: pnpm: not found',
});

describe('runLoop preflight: a baseline that could not run stops the run before the first model call', () => {
  it('refuses with what happened and how to fix it, with zero model calls and zero cost', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
      runner: { command: 'pnpm test', transform: pnpmMissing },
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(f.model.requests).toHaveLength(0);
    expect(outcome.report.costUsd).toBe(0);
    expect(outcome.report.turns).toEqual([]);
    expect(f.tests.runs).toHaveLength(1);
    expect(outcome.preflight).toMatchObject({ kind: 'not-found', missing: 'pnpm' });
    expect(outcome.reason).toContain(
      'The tests could not run before any change, so greenlight stopped before its first model call: nothing was spent. `pnpm test` could not start: pnpm was not found (exit code 127).',
    );
    expect(outcome.reason).toContain('```yaml\ntests:\n  command: THE COMMAND THAT RUNS YOUR TESTS\n```');
    expect(f.audit.ofKind('run-end')).toEqual([
      {
        kind: 'run-end',
        outcome: 'refused',
        reason: '`pnpm test` could not start: pnpm was not found (exit code 127)',
      },
    ]);
  });

  it('never shows the baseline as done in the progress checklist', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [endTurn()],
      runner: { command: 'pnpm test', transform: pnpmMissing },
    });
    await runLoop(f.request, f.deps);

    const checklist = renderProgressChecklist(f.progress.last!);
    expect(checklist).toContain(
      '- [ ] Run the tests before any change — **stopped** — `pnpm test` could not start: pnpm was not found (exit code 127)',
    );
    expect(checklist).toContain('- [ ] ~~Generate, test and fix~~ (skipped)');
    expect(f.progress.snapshots.some((s) => s.steps.baseline.state === 'done')).toBe(false);
  });

  it('renders a short report: the refusal, the tests before, the sandbox', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [endTurn()],
      runner: { command: 'pnpm test', transform: pnpmMissing },
    });
    const outcome = await runLoop(f.request, f.deps);
    const body = renderRunReport({ outcome, task: f.request.task, sandbox: 'Sandbox: `bwrap`, network off.' });

    expect(body).toMatch(/^## greenlight: stopped before the first model call\n/);
    expect(body).toContain('The end of its output:\n\n```text\nsh: 1: pnpm: not found\n```');
    expect(body).toContain('Before the change, the test suite could not run at all.');
    expect(body).not.toContain('### Iterations');
  });

  it('stops a suite that collects no tests, unless tests.allowNoTests says there are none yet', async () => {
    const empty = { ...repoFiles(), 'test/mul.test.ts': '// no tests yet\n' };
    const refused = createFakeLoop({ files: empty, script: [endTurn()] });
    const outcome = await runLoop(refused.request, refused.deps);
    expect(outcome.kind === 'refused' && outcome.preflight?.kind).toBe('no-tests');
    expect(refused.model.requests).toHaveLength(0);

    const allowed = createFakeLoop({
      files: empty,
      config: { tests: { allowNoTests: true } },
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    expect((await runLoop(allowed.request, allowed.deps)).kind).toBe('succeeded');
  });

  it('hands the baseline to onBaseline before the first model call, which may stop the run', async () => {
    const seen: TestReport[] = [];
    const f = createFakeLoop({
      files: repoFiles(),
      script: [endTurn()],
      deps: {
        onBaseline: (baseline) => {
          seen.push(baseline);
          throw new Error('the baseline differs from the recording');
        },
      },
    });
    await expect(runLoop(f.request, f.deps)).rejects.toThrow('the baseline differs from the recording');
    expect(seen).toHaveLength(1);
    expect(f.model.requests).toHaveLength(0);
  });
});
