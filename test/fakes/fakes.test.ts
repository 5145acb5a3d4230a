import { describe, expect, it } from 'vitest';
import { FakeCheckpoints } from './fake-checkpoints.ts';
import { FakeRepoTools, EDITOR_TOOL } from './fake-repo-tools.ts';
import { FakeTestRunner } from './fake-test-runner.ts';
import { FakeWorkspace } from './fake-workspace.ts';
import { MemoryRepo } from './memory-repo.ts';

const setup = () => {
  const repo = new MemoryRepo({
    'a.ts': 'one\ntwo\nthree\n',
    'a.test.ts': "it('x', () => {}); // @needs(a.ts: four)\nit('y', () => {});\n",
  });
  return {
    repo,
    workspace: new FakeWorkspace(repo),
    tools: new FakeRepoTools(repo),
    tests: new FakeTestRunner(repo),
    checkpoints: new FakeCheckpoints(repo),
  };
};

describe('fakes', () => {
  it('FakeWorkspace reports line changes, additions, deletions and renames like git', async () => {
    const { repo, workspace } = setup();
    repo.write('a.ts', 'one\nTWO\nthree\nfour\n');
    repo.write('b.ts', 'new\n');
    repo.write('moved.test.ts', repo.read('a.test.ts') ?? '');
    repo.delete('a.test.ts');
    expect(await workspace.changes(repo.baseSha)).toEqual([
      {
        path: 'a.ts',
        status: 'modified',
        binary: false,
        addedLines: ['TWO', 'four'],
        removedLines: ['two'],
        oldMode: '100644',
        newMode: '100644',
      },
      { path: 'b.ts', status: 'added', binary: false, addedLines: ['new'], removedLines: [], newMode: '100644' },
      {
        path: 'moved.test.ts',
        previousPath: 'a.test.ts',
        status: 'renamed',
        binary: false,
        addedLines: [],
        removedLines: [],
        oldMode: '100644',
        newMode: '100644',
      },
    ]);
    expect(await workspace.diff(repo.baseSha)).toContain('--- a/a.ts\n+++ b/a.ts\n@@ @@\n-two\n+TWO\n three\n+four\n');
    expect(await workspace.isClean()).toBe(false);
  });

  it('FakeRepoTools edits through the text editor commands and refuses confined paths', async () => {
    const { repo, tools } = setup();
    const run = (input: unknown) => tools.execute({ id: 't', name: EDITOR_TOOL, input });
    expect(await run({ command: 'str_replace', path: 'a.ts', old_str: 'two', new_str: '2' })).toEqual({
      content: 'Edited a.ts.',
      isError: false,
      changedPaths: ['a.ts'],
    });
    expect(await run({ command: 'insert', path: 'a.ts', insert_line: 0, insert_text: 'zero\n' })).toMatchObject({
      isError: false,
    });
    expect(repo.read('a.ts')).toBe('zero\none\n2\nthree\n');
    expect(await run({ command: 'str_replace', path: 'a.ts', old_str: 'o', new_str: '0' })).toEqual({
      content: '"old_str" must match exactly once in a.ts; it matches 2 times.',
      isError: true,
    });
    expect(await run({ command: 'view', path: 'a.ts' })).toEqual({
      content: '1\tzero\n2\tone\n3\t2\n4\tthree\n5\t',
      isError: false,
    });
    expect(await run({ command: 'create', path: '/etc/x', file_text: '' })).toMatchObject({
      isError: true,
      refusal: { path: '/etc/x' },
    });
  });

  it('FakeTestRunner evaluates markers against the current files and selects by change', async () => {
    const { repo, tests } = setup();
    expect((await tests.run()).totals).toEqual({ passed: 1, failed: 1, errored: 0, skipped: 0, total: 2 });
    repo.write('a.ts', 'four\n');
    expect((await tests.run({ changedFiles: ['a.ts'] })).tests.map((t) => [t.id, t.status])).toEqual([
      ['a.test.ts::x', 'passed'],
      ['a.test.ts::y', 'passed'],
    ]);
    expect((await tests.run({ tests: ['a.test.ts::y'] })).tests.map((t) => t.id)).toEqual(['a.test.ts::y']);
    expect((await tests.run({ changedFiles: ['other.ts'] })).totals.total).toBe(0);
  });

  it('FakeCheckpoints saves and restores the whole tree or single paths', async () => {
    const { repo, checkpoints } = setup();
    const base = await checkpoints.save('base');
    repo.write('a.ts', 'changed\n');
    repo.write('new.ts', 'x\n');
    await checkpoints.restorePaths(base, ['new.ts']);
    expect(repo.read('new.ts')).toBeNull();
    expect(repo.read('a.ts')).toBe('changed\n');
    await checkpoints.restore(base);
    expect(repo.read('a.ts')).toBe('one\ntwo\nthree\n');
  });
});
