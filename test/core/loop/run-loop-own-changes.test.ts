import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import { createFile, endTurn } from '../../fakes/model-script.ts';
import { ADD_TEST, repoFiles } from './fixture.ts';

describe('runLoop publishes only the model’s own edits (docs/security.md §29)', () => {
  it('puts back files the model’s tools did not write before the change is judged or returned', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: (repo) => [
        () => {
          // What a test run could leave behind: a copy of a secret, a touched source file.
          repo.write('test/fixtures/token.txt', 'svc_live_secret\n');
          repo.write('src/mul.ts', 'export const mul = () => 0;\n');
          return createFile('src/add.test.ts', ADD_TEST);
        },
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.kind === 'succeeded' && outcome.changes.map((c) => c.path)).toEqual(['src/add.test.ts']);
    expect(outcome.kind === 'succeeded' && outcome.diff).not.toContain('token.txt');
    expect(f.repo.read('test/fixtures/token.txt')).toBeNull();
    expect(f.repo.read('src/mul.ts')).toBe(repoFiles()['src/mul.ts']);
    expect(f.audit.events).toContainEqual({
      kind: 'note',
      message: 'discarded changes the model did not make',
      data: { paths: ['src/mul.ts', 'test/fixtures/token.txt'] },
    });
  });

  it('discards nothing when every change is the model’s own', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);
    expect(outcome.kind === 'succeeded' && outcome.changes.map((c) => c.path)).toEqual(['src/add.test.ts']);
    expect(f.audit.ofKind('note').map((n) => n.message)).not.toContain('discarded changes the model did not make');
  });
});
