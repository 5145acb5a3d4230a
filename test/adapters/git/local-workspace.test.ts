import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalWorkspace } from '../../../src/adapters/git/local-workspace.ts';
import { readBlobs } from '../../../src/adapters/git/read-blobs.ts';
import { diffChanges } from '../../../src/adapters/git/diff-changes.ts';
import { emptyTree, resolveRevision } from '../../../src/adapters/git/resolve-revision.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { FileChange } from '../../../src/ports/workspace.ts';
import { tempRepo } from './temp-repo.ts';
import type { TempRepo } from './temp-repo.ts';

const repos: TempRepo[] = [];
function repo(): TempRepo {
  const r = tempRepo();
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

const byPath = (changes: FileChange[]) => [...changes].sort((a, b) => a.path.localeCompare(b.path));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const LONG = Array.from(
  { length: 20 },
  (_, i) => `line ${i} of a file that is long enough to be detected as a rename`,
).join('\n');

/** The changes from `base` to `head`, as `greenlight classify` reads them (read-revision-change.ts). */
async function changesBetween(root: string, base: string, head: string): Promise<FileChange[]> {
  const [from, to] = await Promise.all([resolveRevision(root, base), resolveRevision(root, head)]);
  return diffChanges(root, [from, to]);
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('changesBetween', () => {
  it('reports modifications, deletions, renames, modes, symlinks, binaries and odd names', async () => {
    const r = repo();
    r.write('src/app.ts', 'const a = 1;\nconst b = 2;\n');
    r.write('old.txt', 'bye\n');
    r.write('docs/guide.md', `${LONG}\n`);
    r.write('tools/run.sh', 'echo run\n');
    r.write('queries/q.sql', '-- comment\nSELECT 1;\n');
    r.write('docs/intro.md', '# Intro\n');
    const base = r.commit('base');

    r.write('src/app.ts', 'const a = 1;\nconst b = 3;\nconst c = 4;\n');
    rmSync(join(r.root, 'old.txt'));
    renameSync(join(r.root, 'docs/guide.md'), join(r.root, 'docs/manual.md'));
    r.write('docs/manual.md', `${LONG}\nlast line\n`);
    chmodSync(join(r.root, 'tools/run.sh'), 0o755);
    r.write('queries/q.sql', 'SELECT 1;\n');
    r.write('img/logo.png', PNG);
    symlinkSync('../src/app.ts', join(r.root, 'docs/app-link'));
    r.write('café & ünïcode.txt', 'hi\n');
    rmSync(join(r.root, 'docs/intro.md'));
    symlinkSync('../README.md', join(r.root, 'docs/intro.md'));
    const head = r.commit('head');

    expect(byPath(await changesBetween(r.root, base, head))).toEqual([
      {
        path: 'café & ünïcode.txt',
        status: 'added',
        oldMode: '000000',
        newMode: '100644',
        binary: false,
        addedLines: ['hi'],
        addedAt: [1],
        removedLines: [],
      },
      {
        path: 'docs/app-link',
        status: 'added',
        oldMode: '000000',
        newMode: '120000',
        binary: false,
        addedLines: ['../src/app.ts'],
        addedAt: [1],
        removedLines: [],
      },
      {
        path: 'docs/intro.md',
        status: 'modified',
        oldMode: '100644',
        newMode: '120000',
        binary: false,
        addedLines: ['../README.md'],
        addedAt: [1],
        removedLines: ['# Intro'],
      },
      {
        path: 'docs/manual.md',
        previousPath: 'docs/guide.md',
        status: 'renamed',
        oldMode: '100644',
        newMode: '100644',
        binary: false,
        addedLines: ['last line'],
        addedAt: [21],
        removedLines: [],
      },
      {
        path: 'img/logo.png',
        status: 'added',
        oldMode: '000000',
        newMode: '100644',
        binary: true,
        addedLines: [],
        addedAt: [],
        removedLines: [],
      },
      {
        path: 'old.txt',
        status: 'deleted',
        oldMode: '100644',
        newMode: '000000',
        binary: false,
        addedLines: [],
        addedAt: [],
        removedLines: ['bye'],
      },
      {
        path: 'queries/q.sql',
        status: 'modified',
        oldMode: '100644',
        newMode: '100644',
        binary: false,
        addedLines: [],
        addedAt: [],
        removedLines: ['-- comment'],
      },
      {
        path: 'src/app.ts',
        status: 'modified',
        oldMode: '100644',
        newMode: '100644',
        binary: false,
        addedLines: ['const b = 3;', 'const c = 4;'],
        addedAt: [2, 3],
        removedLines: ['const b = 2;'],
      },
      {
        path: 'tools/run.sh',
        status: 'modified',
        oldMode: '100644',
        newMode: '100755',
        binary: false,
        addedLines: [],
        addedAt: [],
        removedLines: [],
      },
    ]);
  });

  it('reports a submodule (gitlink) with mode 160000', async () => {
    const r = repo();
    r.write('README.md', 'x\n');
    const base = r.commit('base');
    r.git('update-index', '--add', '--cacheinfo', `160000,${base},vendor/lib`);
    r.git('commit', '-q', '-m', 'add submodule');
    const changes = await changesBetween(r.root, base, 'HEAD');
    expect(changes).toEqual([
      {
        path: 'vendor/lib',
        status: 'added',
        oldMode: '000000',
        newMode: '160000',
        binary: false,
        addedLines: [`Subproject commit ${base}`],
        addedAt: [1],
        removedLines: [],
      },
    ]);
  });

  it('diffs a root commit against the empty tree', async () => {
    const r = repo();
    r.write('db/migrate/20240101_add_users.rb', 'class AddUsers < ActiveRecord::Migration[7.1]\nend\n');
    r.commit('first');
    const changes = await changesBetween(r.root, await emptyTree(r.root), 'HEAD');
    expect(changes).toEqual([
      {
        path: 'db/migrate/20240101_add_users.rb',
        status: 'added',
        oldMode: '000000',
        newMode: '100644',
        binary: false,
        addedLines: ['class AddUsers < ActiveRecord::Migration[7.1]', 'end'],
        addedAt: [1, 2],
        removedLines: [],
      },
    ]);
  });

  it('names an unknown revision', async () => {
    const r = repo();
    r.write('a', 'a\n');
    r.commit('a');
    const error = await caught(changesBetween(r.root, 'no-such-branch', 'HEAD'));
    expect(isGreenlightError(error, 'git')).toBe(true);
    expect(error.message).toContain("unknown revision 'no-such-branch'");
    expect(error.message).toContain('git fetch origin no-such-branch');
  });

  it('refuses a revision that looks like an option', async () => {
    const r = repo();
    const error = await caught(changesBetween(r.root, '--output=/tmp/x', 'HEAD'));
    expect(isGreenlightError(error, 'git')).toBe(true);
    expect(error.message).toContain("'--output=/tmp/x' is not a revision");
  });

  it('says when the directory is not a repository', async () => {
    const dir = join(tmpdir(), `greenlight-not-a-repo-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const error = await caught(changesBetween(dir, 'HEAD~1', 'HEAD'));
      expect(isGreenlightError(error, 'git')).toBe(true);
      expect(error.message).toContain('not a git repository');
      expect(error.message).toContain('pass --repo DIR');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('LocalWorkspace', () => {
  it('compares the working tree, untracked files included, ignored files excluded', async () => {
    const r = repo();
    r.write('.gitignore', 'dist/\n*.log\n');
    r.write('src/a.ts', 'a\n');
    r.write('src/moved.ts', `${LONG}\n`);
    const base = r.commit('base');
    r.write('src/a.ts', 'a2\n');
    r.write('src/new.ts', 'new\n');
    r.write('dist/bundle.js', 'ignored\n');
    r.write('debug.log', 'ignored\n');
    renameSync(join(r.root, 'src/moved.ts'), join(r.root, 'src/renamed.ts'));
    const statusBefore = r.git('status', '--porcelain');

    const workspace = new LocalWorkspace(r.root);
    expect(byPath(await workspace.changes(base))).toEqual([
      {
        path: 'src/a.ts',
        status: 'modified',
        oldMode: '100644',
        newMode: '100644',
        binary: false,
        addedLines: ['a2'],
        addedAt: [1],
        removedLines: ['a'],
      },
      {
        path: 'src/new.ts',
        status: 'added',
        oldMode: '000000',
        newMode: '100644',
        binary: false,
        addedLines: ['new'],
        addedAt: [1],
        removedLines: [],
      },
      {
        path: 'src/renamed.ts',
        previousPath: 'src/moved.ts',
        status: 'renamed',
        oldMode: '100644',
        newMode: '100644',
        binary: false,
        addedLines: [],
        addedAt: [],
        removedLines: [],
      },
    ]);
    // The repository's own index is untouched.
    expect(r.git('status', '--porcelain')).toBe(statusBefore);
    expect(r.git('diff', '--cached', '--name-only')).toBe('');

    const diff = await workspace.diff(base);
    expect(diff).toContain('+++ b/src/new.ts');
    expect(diff).toContain('rename to src/renamed.ts');
    expect(diff).not.toContain('bundle.js');
  });

  it('sees staged and unstaged changes alike, against any base', async () => {
    const r = repo();
    r.write('a.txt', '1\n');
    const first = r.commit('1');
    r.write('a.txt', '2\n');
    r.commit('2');
    r.write('a.txt', '3\n');
    r.git('add', 'a.txt');
    r.write('b.txt', 'b\n');
    const changes = await new LocalWorkspace(r.root).changes(first);
    expect(byPath(changes).map((c) => [c.path, c.status, c.addedLines, c.removedLines])).toEqual([
      ['a.txt', 'modified', ['3'], ['1']],
      ['b.txt', 'added', ['b'], []],
    ]);
  });

  it('knows the head, the branch, and whether the tree is clean', async () => {
    const r = repo();
    r.write('.gitignore', '*.log\n');
    r.write('a.txt', 'a\n');
    const sha = r.commit('a');
    const workspace = await LocalWorkspace.open(join(r.root));
    expect(await workspace.headSha()).toBe(sha);
    expect(await workspace.currentBranch()).toBe('main');
    expect(await workspace.isClean()).toBe(true);
    r.write('x.log', 'ignored\n');
    expect(await workspace.isClean()).toBe(true);
    r.write('new.txt', 'untracked\n');
    expect(await workspace.isClean()).toBe(false);
    r.git('checkout', '-q', '--detach');
    expect(await workspace.currentBranch()).toBeNull();
  });

  it('opens from a subdirectory at the top level', async () => {
    const r = repo();
    r.write('pkg/sub/a.txt', 'a\n');
    r.commit('a');
    const workspace = await LocalWorkspace.open(join(r.root, 'pkg/sub'));
    expect(await workspace.listFiles()).toEqual(['pkg/sub/a.txt']);
  });

  it('says when a repository has no commits', async () => {
    const r = repo();
    const error = await caught(new LocalWorkspace(r.root).headSha());
    expect(isGreenlightError(error, 'git')).toBe(true);
    expect(error.message).toContain('has no commits yet');
  });

  it('lists tracked and untracked files, without ignored or deleted ones', async () => {
    const r = repo();
    r.write('.gitignore', 'node_modules/\n');
    r.write('a.txt', 'a\n');
    r.write('gone.txt', 'g\n');
    r.commit('a');
    r.write('node_modules/x/index.js', 'x\n');
    r.write('src/new.ts', 'n\n');
    rmSync(join(r.root, 'gone.txt'));
    expect(await new LocalWorkspace(r.root).listFiles()).toEqual(['.gitignore', 'a.txt', 'src/new.ts']);
  });

  it('reads text files and refuses what is outside, binary or missing', async () => {
    const r = repo();
    r.write('src/a.ts', 'export {};\n');
    r.write('logo.png', PNG);
    mkdirSync(join(r.root, 'dir'));
    const outside = join(tmpdir(), `greenlight-secret-${process.pid}.txt`);
    writeFileSync(outside, 'secret');
    symlinkSync(outside, join(r.root, 'escape'));
    symlinkSync('src/a.ts', join(r.root, 'inside-link'));
    const workspace = new LocalWorkspace(r.root);
    try {
      expect(await workspace.readFile('src/a.ts')).toBe('export {};\n');
      expect(await workspace.readFile('inside-link')).toBe('export {};\n');
      expect(await workspace.readFile('missing.ts')).toBeNull();
      expect(await workspace.readFile('logo.png')).toBeNull();
      expect(await workspace.readFile('dir')).toBeNull();
      expect(await workspace.readFile('escape')).toBeNull();
      expect(await workspace.readFile('../x')).toBeNull();
      expect(await workspace.readFile(outside)).toBeNull();
      expect(await workspace.readFile('.git/config')).toBeNull();
    } finally {
      rmSync(outside, { force: true });
    }
  });
});

describe('readBlobs', () => {
  it('reads text at a revision, leaving out binary, missing and oversized files', async () => {
    const r = repo();
    r.write('a.txt', 'first\n');
    r.write('logo.png', PNG);
    r.write('big.txt', 'x'.repeat(100));
    const sha = r.commit('1');
    r.write('a.txt', 'second\n');
    r.commit('2');
    const texts = await readBlobs(r.root, sha, ['a.txt', 'logo.png', 'missing.txt', 'big.txt'], 50);
    expect(Object.fromEntries(texts)).toEqual({ 'a.txt': 'first\n' });
  });
});
