import { existsSync, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addWorktree, type Worktree } from '../../../src/adapters/git/add-worktree.ts';
import { stashDependencies, type DependencyStash } from '../../../src/adapters/git/dependency-stash.ts';
import { tempRepo, type TempRepo } from './temp-repo.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function repo(options: { trackedInside?: boolean } = {}): TempRepo {
  const r = tempRepo();
  cleanups.push(() => r.remove());
  r.write('.gitignore', 'node_modules/\n.venv/\ndist/\n.env.test\n');
  r.write('src/a.js', 'export const a = 1;\n');
  if (options.trackedInside === true) {
    r.write('node_modules/patched/index.js', 'tracked inside an ignored folder\n');
    r.git('add', '--force', 'node_modules/patched/index.js');
  }
  r.commit('init');
  r.write('node_modules/left-pad/index.js', 'module.exports = 1;\n');
  r.write('node_modules/.vite/results.json', '{}');
  r.write('packages/x/node_modules/dep/index.js', 'nested\n');
  r.write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
  r.write('dist/app.js', 'built\n');
  r.write('.env.test', 'TOKEN=x\n');
  symlinkSync('left-pad/index.js', join(r.root, 'node_modules', 'main.js'));
  return r;
}

async function open(r: TempRepo, patterns: string[]): Promise<{ stash: DependencyStash; wt: Worktree }> {
  const stash = await stashDependencies(r.root, patterns);
  cleanups.push(() => stash.dispose());
  const wt = await addWorktree(r.root, 'HEAD', 'test');
  cleanups.push(() => wt.remove());
  await stash.linkInto(wt.root);
  return { stash, wt };
}

describe('stashDependencies (docs/security.md §28, §31)', () => {
  it('stashes the ignored entries the patterns name, at any depth, inside the git directory', async () => {
    const r = repo();
    const { stash } = await open(r, ['node_modules', '.venv']);
    expect(stash.entries).toEqual(['.venv', 'node_modules', 'packages/x/node_modules']);
    expect(stash.dir.startsWith(join(r.root, '.git', 'greenlight', 'deps-'))).toBe(true);
    // Hard links: the same file, no data copied.
    const original = statSync(join(r.root, 'node_modules/left-pad/index.js'));
    expect(statSync(join(stash.dir, 'node_modules/left-pad/index.js')).ino).toBe(original.ino);
    expect(readlinkSync(join(stash.dir, 'node_modules/main.js'))).toBe('left-pad/index.js');
  });

  it('links each entry into another checkout through a real folder, without caches', async () => {
    const r = repo();
    const { stash, wt } = await open(r, ['node_modules', '.venv']);
    const modules = join(wt.root, 'node_modules');
    expect(lstatSync(modules).isDirectory()).toBe(true);
    expect(readlinkSync(join(modules, 'left-pad'))).toBe(join(stash.dir, 'node_modules', 'left-pad'));
    expect(readFileSync(join(modules, 'left-pad', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(existsSync(join(modules, '.vite'))).toBe(false);
    expect(readFileSync(join(wt.root, 'packages/x/node_modules/dep/index.js'), 'utf8')).toBe('nested\n');
    expect(readFileSync(join(wt.root, '.venv/pyvenv.cfg'), 'utf8')).toBe('home = /usr/bin\n');
    // Everything else that git ignores stays out: build output, a local env file.
    expect(existsSync(join(wt.root, 'dist'))).toBe(false);
    expect(existsSync(join(wt.root, '.env.test'))).toBe(false);
    // The links are ignored like the folders they stand in: the checkout is clean.
    expect(r.git('-C', wt.root, 'status', '--porcelain')).toBe('');
  });

  it('handles a folder that holds a tracked file: its other entries one by one, the tracked file as checked out', async () => {
    const r = repo({ trackedInside: true });
    const { stash, wt } = await open(r, ['node_modules']);
    expect(stash.entries).toEqual(['node_modules/left-pad', 'node_modules/main.js', 'packages/x/node_modules']);
    const modules = join(wt.root, 'node_modules');
    expect(readFileSync(join(modules, 'left-pad', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(readFileSync(join(modules, 'main.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(lstatSync(join(modules, 'patched')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(modules, 'patched', 'index.js'), 'utf8')).toBe('tracked inside an ignored folder\n');
    expect(existsSync(join(modules, '.vite'))).toBe(false);
    expect(r.git('-C', wt.root, 'status', '--porcelain')).toBe('');
  });

  it('shares ignored files too, when the patterns name them', async () => {
    const r = repo();
    const { wt } = await open(r, ['.env.test', 'dist']);
    expect(readFileSync(join(wt.root, '.env.test'), 'utf8')).toBe('TOKEN=x\n');
    expect(readFileSync(join(wt.root, 'dist/app.js'), 'utf8')).toBe('built\n');
  });

  it('goes away with dispose, and the worktree with remove, leaving the repository as it was', async () => {
    const r = repo();
    const stash = await stashDependencies(r.root, ['node_modules']);
    const wt = await addWorktree(r.root, 'HEAD', 'test');
    await stash.linkInto(wt.root);
    await wt.remove();
    await stash.dispose();
    expect(existsSync(stash.dir)).toBe(false);
    expect(existsSync(wt.root)).toBe(false);
    expect(r.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(statSync(join(r.root, 'node_modules/left-pad/index.js')).nlink).toBe(1);
  });
});
