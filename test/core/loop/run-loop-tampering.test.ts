import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import type { ScriptStep } from '../../fakes/fake-model.ts';
import type { MemoryRepo } from '../../fakes/memory-repo.ts';
import { EDITOR_TOOL } from '../../fakes/fake-repo-tools.ts';
import { createFile, deleteFile, endTurn, strReplace, toolUses } from '../../fakes/model-script.ts';
import { ADD_TEST, BUGGY_ADD, repoFiles } from './fixture.ts';

const fixTask = { mode: 'fix' as const, title: 'Make CI green', body: '', pullRequestNumber: 7 };
const files = (): Record<string, string> => ({ ...repoFiles(BUGGY_ADD), 'src/add.test.ts': ADD_TEST });

/** A round in which the model deletes a file with a tool that can delete. */
const deleteRound = (path: string): ScriptStep[] => [deleteFile(path), endTurn('Removed the failing test.')];

/** A tool call that moves a file: its content created at `to`, then `from` deleted. */
const moveFile =
  (r: MemoryRepo, from: string, to: string, ...more: { name: string; input: unknown }[]): ScriptStep =>
  () =>
    toolUses([
      { name: EDITOR_TOOL, input: { command: 'create', path: to, file_text: r.read(from) ?? '' } },
      { name: EDITOR_TOOL, input: { command: 'delete', path: from } },
      ...more,
    ]);

describe('runLoop and test tampering', () => {
  it('refuses when the model deletes a failing test twice in a row, and restores the tree', async () => {
    const f = createFakeLoop({
      files: files(),
      task: fixTask,
      mustFixBaselineFailures: true,
      script: [...deleteRound('src/add.test.ts'), ...deleteRound('src/add.test.ts')],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.reason).toBe(
      'The model deleted, skipped or weakened existing tests in two rounds in a row (test file `src/add.test.ts` was deleted). The engine does not accept such a change.',
    );
    expect(f.repo.read('src/add.test.ts')).toBe(ADD_TEST);
    expect(outcome.report.tampering).toEqual([
      { kind: 'test-file-deleted', path: 'src/add.test.ts', detail: 'test file `src/add.test.ts` was deleted' },
    ]);
    // the tampered state never reached the test runner: only the baseline ran
    expect(f.tests.runs).toEqual([undefined]);
    const feedback = f.model.requests[2]?.messages.at(-1)?.content.at(-1);
    expect(feedback?.type === 'text' && feedback.text).toContain(
      'The engine rejected your change (round 2 of 5): it deletes, skips or weakens existing tests.\n- test file `src/add.test.ts` was deleted',
    );
  });

  it('does not accept a skipped test, and succeeds once the model fixes the code instead', async () => {
    const f = createFakeLoop({
      files: files(),
      task: fixTask,
      mustFixBaselineFailures: true,
      script: [
        strReplace('src/add.test.ts', "it('adds'", "it.skip('adds'"),
        endTurn(),
        strReplace('src/add.test.ts', "it.skip('adds'", "it('adds'"),
        strReplace('src/add.ts', 'a - b', 'a + b'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['tampered', 'passed']);
    expect(outcome.report.tampering).toEqual([
      { kind: 'test-skipped', path: 'src/add.test.ts', detail: 'a skip marker was added in `src/add.test.ts`' },
    ]);
    expect(outcome.kind === 'succeeded' && outcome.changes.map((c) => c.path)).toEqual(['src/add.ts']);
  });

  it('treats a changed title of an existing test as a removed test', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [
        strReplace('test/mul.test.ts', "it('multiplies'", "it('multiplies numbers'"),
        endTurn(),
        createFile('src/add.test.ts', ADD_TEST),
        strReplace('test/mul.test.ts', "it('multiplies numbers'", "it('multiplies'"),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.tampering).toEqual([
      {
        kind: 'test-removed',
        path: 'test/mul.test.ts',
        detail: 'test `multiplies` was removed from `test/mul.test.ts`',
      },
    ]);
    expect(outcome.report.iterationLog[0]?.result).toBe('tampered');
  });

  it('catches a baseline test that stopped running although the diff shows no removal', async () => {
    const addTest = { name: EDITOR_TOOL, input: { command: 'create', path: 'src/add.test.ts', file_text: ADD_TEST } };
    const move = (r: MemoryRepo, from: string, to: string): ScriptStep[] => [moveFile(r, from, to, addTest), endTurn()];
    // test/mul.ts is still in a test folder (a rename, not a deletion), but the runner no longer picks it up
    const f = createFakeLoop({
      files: repoFiles(),
      script: (r) => [...move(r, 'test/mul.test.ts', 'test/mul.ts'), ...move(r, 'test/mul.ts', 'test/mul.test.ts')],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.tampering).toEqual([
      {
        kind: 'test-vanished',
        path: 'test/mul.ts',
        detail: 'baseline test `test/mul.test.ts::multiplies` no longer runs',
      },
    ]);
    expect(outcome.report.iterationLog.map((i) => i.result)).toEqual(['tampered', 'passed']);
  });

  it('a renamed test file is not a deleted one', async () => {
    const addTest = { name: EDITOR_TOOL, input: { command: 'create', path: 'src/add.test.ts', file_text: ADD_TEST } };
    const f = createFakeLoop({
      files: repoFiles(),
      script: (r) => [moveFile(r, 'test/mul.test.ts', 'test/math/mul.test.ts', addTest), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.report.tampering).toEqual([]);
    expect(outcome.kind === 'succeeded' && outcome.changes.map((c) => [c.status, c.path, c.previousPath])).toEqual([
      ['added', 'src/add.test.ts', undefined],
      ['renamed', 'test/math/mul.test.ts', 'test/mul.test.ts'],
    ]);
  });
  it('rejects a test-runner config the task does not ask for, telling the model to put it back', async () => {
    const f = createFakeLoop({
      files: files(),
      task: fixTask,
      mustFixBaselineFailures: true,
      script: [
        createFile('vitest.config.ts', 'export default { test: { passWithNoTests: true } };'),
        endTurn(),
        createFile('vitest.config.ts', 'export default {};'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('refused');
    expect(outcome.report.tampering.map((t) => t.kind)).toEqual(['harness-changed']);
    const text = (f.model.requests[2]?.messages.at(-1)?.content ?? [])
      .map((block) => (block.type === 'text' ? block.text : ''))
      .join('\n');
    expect(text).toContain('The engine rejected your change (round 2 of 5): it changes how the tests run.');
    expect(text).toContain(
      '- `vitest.config.ts` (test-runner configuration) was added, and the task does not ask for it',
    );
    expect(text).toContain('Put test-runner configuration, setup files and reporters back as they were');
    expect(text).not.toContain('Put those tests back');
    expect(f.repo.read('vitest.config.ts')).toBeNull();
  });
});
