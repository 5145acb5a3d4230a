import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitCheckpoints } from '../../../src/adapters/git/git-checkpoints.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { tempRepo, type TempRepo } from './temp-repo.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repo(): TempRepo {
  const r = tempRepo();
  cleanups.push(() => r.remove());
  r.write('.gitignore', 'node_modules/\n*.log\n');
  r.write('src/add.js', 'export const add = (a, b) => a + b;\n');
  r.write('test/add.test.js', "import { add } from '../src/add.js';\n");
  r.write('README.md', '# demo\n');
  r.commit('init');
  r.write('node_modules/dep/index.js', 'module.exports = 1;\n');
  r.write('debug.log', 'ignored\n');
  return r;
}

const read = (r: TempRepo, path: string): string | null =>
  existsSync(join(r.root, path)) ? readFileSync(join(r.root, path), 'utf8') : null;
const status = (r: TempRepo): string => r.git('status', '--porcelain=v1', '--untracked-files=all');
const state = (r: TempRepo) => ({
  head: r.git('rev-parse', 'HEAD'),
  index: readFileSync(join(r.root, '.git', 'index')).toString('base64'),
  branch: r.git('symbolic-ref', 'HEAD'),
});

describe('GitCheckpoints', () => {
  it('saves a tree of the working tree, untracked files included, without moving HEAD, the index or any file', async () => {
    const r = repo();
    r.write('src/add.js', 'export const add = (a, b) => a - b;\n');
    r.write('src/new.js', 'export const x = 1;\n');
    // status first: it refreshes the index's stat data, which is not a change of ours
    const before = { status: status(r), ...state(r) };

    const id = await new GitCheckpoints(r.root).save('iteration-1');

    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect({ ...state(r), status: before.status }).toEqual(before);
    expect(status(r)).toBe(before.status);
    expect(r.git('ls-tree', '-r', '--name-only', id).trim().split('\n')).toEqual([
      '.gitignore',
      'README.md',
      'src/add.js',
      'src/new.js',
      'test/add.test.js',
    ]);
    expect(r.git('show', `${id}:src/add.js`)).toContain('a - b');
    expect(r.git('for-each-ref')).not.toContain('greenlight');
  });

  it('gives the same id for the same tree and a different one after a change', async () => {
    const r = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const a = await checkpoints.save('a');
    expect(await checkpoints.save('again')).toBe(a);
    r.write('src/add.js', 'changed\n');
    expect(await checkpoints.save('b')).not.toBe(a);
  });

  it('restores a checkpoint: edits undone, deleted files back, files created since removed with their empty folders', async () => {
    const r = repo();
    const checkpoints = new GitCheckpoints(r.root);
    r.write('src/kept.js', 'kept untracked\n');
    const id = await checkpoints.save('baseline');

    r.write('src/add.js', 'broken\n');
    unlinkSync(join(r.root, 'README.md'));
    r.write('src/deep/nested/new.test.js', 'new\n');
    r.write('extra.txt', 'extra\n');
    unlinkSync(join(r.root, 'src/kept.js'));
    await checkpoints.restore(id);

    expect(read(r, 'src/add.js')).toBe('export const add = (a, b) => a + b;\n');
    expect(read(r, 'README.md')).toBe('# demo\n');
    expect(read(r, 'src/kept.js')).toBe('kept untracked\n');
    expect(existsSync(join(r.root, 'extra.txt'))).toBe(false);
    expect(existsSync(join(r.root, 'src/deep'))).toBe(false);
    expect(await checkpoints.save('after')).toBe(id);
    expect(status(r)).toBe('?? src/kept.js\n');
  });

  it('leaves ignored files alone, even when the model deleted the .gitignore that ignores them', async () => {
    const r = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const id = await checkpoints.save('baseline');

    unlinkSync(join(r.root, '.gitignore'));
    r.write('node_modules/dep/index.js', 'module.exports = 2;\n');
    await checkpoints.restore(id);

    expect(read(r, '.gitignore')).toBe('node_modules/\n*.log\n');
    expect(read(r, 'debug.log')).toBe('ignored\n');
    expect(read(r, 'node_modules/dep/index.js')).toBe('module.exports = 2;\n');
  });

  it('removes a file hidden by a .gitignore the model added, once that .gitignore is gone', async () => {
    const r = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const id = await checkpoints.save('baseline');

    r.write('src/.gitignore', 'sneaky.js\n');
    r.write('src/sneaky.js', 'hidden\n');
    await checkpoints.restore(id);

    expect(existsSync(join(r.root, 'src/.gitignore'))).toBe(false);
    expect(existsSync(join(r.root, 'src/sneaky.js'))).toBe(false);
  });

  it('restores modes, file/folder swaps and symlinks', async () => {
    const r = repo();
    r.write('bin/run.sh', '#!/bin/sh\n');
    chmodSync(join(r.root, 'bin/run.sh'), 0o755);
    symlinkSync('add.js', join(r.root, 'src/alias.js'));
    r.commit('more');
    const checkpoints = new GitCheckpoints(r.root);
    const id = await checkpoints.save('baseline');

    chmodSync(join(r.root, 'bin/run.sh'), 0o644);
    rmSync(join(r.root, 'src/add.js'));
    mkdirSync(join(r.root, 'src/add.js'));
    writeFileSync(join(r.root, 'src/add.js/inner.js'), 'x\n');
    rmSync(join(r.root, 'test'), { recursive: true });
    writeFileSync(join(r.root, 'test'), 'now a file\n');
    unlinkSync(join(r.root, 'src/alias.js'));
    writeFileSync(join(r.root, 'src/alias.js'), 'not a link\n');
    await checkpoints.restore(id);

    expect(statSync(join(r.root, 'bin/run.sh')).mode & 0o111).not.toBe(0);
    expect(read(r, 'src/add.js')).toBe('export const add = (a, b) => a + b;\n');
    expect(read(r, 'test/add.test.js')).toBe("import { add } from '../src/add.js';\n");
    expect(lstatSync(join(r.root, 'src/alias.js')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(r.root, 'src/alias.js'))).toBe('add.js');
    expect(status(r)).toBe('');
  });

  it('never deletes or writes through a symlink that points outside the workspace', async () => {
    const r = repo();
    const outside = mkdtempSync(join(tmpdir(), 'greenlight-outside-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, 'add.test.js'), 'outside file\n');
    const checkpoints = new GitCheckpoints(r.root);
    const id = await checkpoints.save('baseline');

    // generated code replaced test/ with a link to a folder outside the workspace
    rmSync(join(r.root, 'test'), { recursive: true });
    symlinkSync(outside, join(r.root, 'test'));
    await checkpoints.restore(id);

    expect(readFileSync(join(outside, 'add.test.js'), 'utf8')).toBe('outside file\n');
    expect(lstatSync(join(r.root, 'test')).isDirectory()).toBe(true);
    expect(read(r, 'test/add.test.js')).toBe("import { add } from '../src/add.js';\n");

    symlinkSync(outside, join(r.root, 'escape'));
    await checkpoints.restorePaths(id, ['escape/add.test.js']);
    expect(readFileSync(join(outside, 'add.test.js'), 'utf8')).toBe('outside file\n');
  });

  it('puts back only the given paths: one as it was, one that did not exist removed', async () => {
    const r = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const base = await checkpoints.save('baseline');
    r.write('test/add.test.js', 'changed test\n');
    r.write('test/flaky.test.js', 'flaky\n');
    r.write('src/add.js', 'kept change\n');

    await checkpoints.restorePaths(base, ['test/add.test.js', 'test/flaky.test.js', 'test/never-existed.js']);

    expect(read(r, 'test/add.test.js')).toBe("import { add } from '../src/add.js';\n");
    expect(existsSync(join(r.root, 'test/flaky.test.js'))).toBe(false);
    expect(read(r, 'src/add.js')).toBe('kept change\n');
  });

  it('treats paths literally, not as pathspec patterns', async () => {
    const r = repo();
    const checkpoints = new GitCheckpoints(r.root);
    const base = await checkpoints.save('baseline');
    r.write('src/add.js', 'kept change\n');
    r.write('src/*.js', 'a file named with a star\n');

    await checkpoints.restorePaths(base, ['src/*.js']);

    expect(existsSync(join(r.root, 'src/*.js'))).toBe(false);
    expect(read(r, 'src/add.js')).toBe('kept change\n');
  });

  it.each([
    ['not an id', 'iteration-1'],
    ['an unknown object', 'f'.repeat(40)],
  ])('refuses %s', async (_name, id) => {
    const r = repo();
    const error = await new GitCheckpoints(r.root).restore(id).catch((e: unknown) => e);
    expect(isGreenlightError(error, 'internal')).toBe(true);
  });

  it('refuses a commit id: checkpoints are trees', async () => {
    const r = repo();
    const error = await new GitCheckpoints(r.root).restore(r.git('rev-parse', 'HEAD').trim()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/checkpoint [0-9a-f]{40} does not exist/);
  });
});
