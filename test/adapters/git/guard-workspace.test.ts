import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guardWorkspace } from '../../../src/adapters/git/guard-workspace.ts';
import { tempRepo, type TempRepo } from './temp-repo.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repo(): TempRepo {
  const r = tempRepo();
  cleanups.push(() => r.remove());
  r.write('.gitignore', 'node_modules/\n*.log\ncoverage/\n');
  r.write('src/add.js', 'export const add = (a, b) => a + b;\n');
  r.write('README.md', '# demo\n');
  r.commit('init');
  r.write('node_modules/dep/index.js', 'module.exports = 1;\n');
  // The model's edit, not committed: it must survive.
  r.write('test/add.test.js', 'test\n');
  return r;
}
const read = (r: TempRepo, path: string): string | null =>
  existsSync(join(r.root, path)) ? readFileSync(join(r.root, path), 'utf8') : null;

describe('guardWorkspace (docs/security.md §29)', () => {
  it('puts tracked and untracked files back, removes new files and new ignored entries, and says which', async () => {
    const r = repo();
    const guard = await guardWorkspace(r.root);
    // What a test run might do:
    r.write('src/add.js', 'tampered\n');
    r.write('test/add.test.js', 'overwritten by a test\n');
    rmSync(join(r.root, 'README.md'));
    r.write('test/fixtures/token.txt', 'secret\n');
    r.write('debug.log', 'ignored and new\n');
    r.write('coverage/lcov.info', 'TN:\n');
    r.write('vitest.config.ts.log', 'x');

    expect(await guard.restore()).toEqual([
      'README.md',
      'coverage/',
      'debug.log',
      'src/add.js',
      'test/add.test.js',
      'test/fixtures/token.txt',
      'vitest.config.ts.log',
    ]);
    expect(read(r, 'src/add.js')).toBe('export const add = (a, b) => a + b;\n');
    expect(read(r, 'test/add.test.js')).toBe('test\n');
    expect(read(r, 'README.md')).toBe('# demo\n');
    for (const gone of ['test/fixtures', 'debug.log', 'coverage', 'vitest.config.ts.log'])
      expect(existsSync(join(r.root, gone))).toBe(false);
    expect(read(r, 'node_modules/dep/index.js')).toBe('module.exports = 1;\n');
  });

  it('keeps ignored entries that were there before (installed dependencies)', async () => {
    const r = repo();
    const guard = await guardWorkspace(r.root);
    r.write('node_modules/dep/cache.json', '{}');
    expect(await guard.restore()).toEqual([]);
    expect(read(r, 'node_modules/dep/cache.json')).toBe('{}');
  });

  it('removes a new untracked file without hashing it into the object store', async () => {
    const r = repo();
    const guard = await guardWorkspace(r.root);
    const big = `${'x'.repeat(1_000_000)}unique-${process.pid}`;
    r.write('huge.bin', big);
    const id = execFileSync('git', ['hash-object', '--stdin'], { input: big, encoding: 'utf8' }).trim();
    expect(await guard.restore()).toEqual(['huge.bin']);
    expect(() => r.git('cat-file', '-e', id)).toThrow();
  });

  it('brings back a .gitignore a test changed before judging what is ignored', async () => {
    const r = repo();
    const guard = await guardWorkspace(r.root);
    r.write('.gitignore', 'node_modules/\n*.log\ncoverage/\nsrc/\n');
    r.write('src/new.js', 'planted\n');
    await guard.restore();
    expect(read(r, '.gitignore')).toBe('node_modules/\n*.log\ncoverage/\n');
    expect(existsSync(join(r.root, 'src/new.js'))).toBe(false);
  });
});
