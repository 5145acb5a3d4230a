import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecentChanges } from '../../../src/adapters/context/read-recent-changes.ts';
import { readRepoIndex } from '../../../src/adapters/context/read-repo-index.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-index-'));
  made.push(dir);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

describe('readRepoIndex', () => {
  it('indexes tracked and untracked files, respects .gitignore, and skips what it must', async () => {
    const dir = repo({
      '.gitignore': 'ignored/\n*.log\n',
      'src/a.ts': 'export const a = 1;\n',
      'ignored/secret.ts': 'export const s = 1;\n',
      'debug.log': 'noise\n',
      'image.bin': Buffer.from([1, 0, 2]),
      'package-lock.json': '{}',
      'big.txt': 'x'.repeat(5_000),
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    writeFileSync(join(dir, 'src/new.py'), 'def new():\n    pass\n');
    symlinkSync('/etc/passwd', join(dir, 'link.txt'));

    const index = await readRepoIndex(dir, { maxFileBytes: 1_000, exclude: [] });
    expect(index.files.map((f) => f.path)).toEqual(['.gitignore', 'src/a.ts', 'src/new.py']);
    expect(index.skipped).toEqual([
      { path: 'big.txt', reason: 'too-large' },
      { path: 'image.bin', reason: 'binary' },
      { path: 'link.txt', reason: 'symlink' },
      { path: 'package-lock.json', reason: 'lockfile' },
    ]);
  });

  it('reads files of every size correctly through its shared buffer', async () => {
    const large = `${'y'.repeat(99)}\n`.repeat(15_000); // 1.5 MB: larger than the 1 MB buffer
    const dir = repo({ 'a.txt': 'short\n', 'b.txt': large, 'c.txt': 'after\n' });
    const index = await readRepoIndex(dir, { maxFileBytes: 2_000_000, exclude: [] });
    expect(index.files.map((f) => f.content.length)).toEqual([6, 1_500_000, 6]);
    expect(index.files[1]!.content).toBe(large);
    expect(index.files[2]!.content).toBe('after\n');
  });

  it('applies context.exclude', async () => {
    const dir = repo({ 'src/a.ts': '', 'fixtures/huge.json': '{}' });
    const index = await readRepoIndex(dir, { maxFileBytes: 1_000, exclude: ['fixtures/**'] });
    expect(index.skipped).toEqual([{ path: 'fixtures/huge.json', reason: 'excluded' }]);
  });

  it('fails with a git error outside a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-not-a-repo-'));
    made.push(dir);
    const error = await readRepoIndex(dir, { maxFileBytes: 1_000, exclude: [] }).catch((e: unknown) => e);
    expect(isGreenlightError(error, 'git')).toBe(true);
    expect((error as Error).message).toMatch(/cannot list the files of .*Run greenlight inside a git repository/);
  });
});

describe('readRecentChanges', () => {
  it('reports files of the PR diff and of recent commits, diff first', async () => {
    const dir = repo({ 'a.ts': '1', 'b.ts': '1', 'c.ts': '1' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(dir, 'b.ts'), '2');
    git(dir, 'commit', '-q', '-am', 'two');
    writeFileSync(join(dir, 'c.ts'), '2');
    git(dir, 'commit', '-q', '-am', 'three');
    expect(await readRecentChanges(dir, { base: 'main', commits: 1 })).toEqual([
      { path: 'b.ts', source: 'diff' },
      { path: 'c.ts', source: 'diff' },
    ]);
    expect(await readRecentChanges(dir, { commits: 2 })).toEqual([
      { path: 'c.ts', source: 'log' },
      { path: 'b.ts', source: 'log' },
    ]);
  });

  it('is empty for a repository without commits', async () => {
    expect(await readRecentChanges(repo({ 'a.ts': '1' }), { commits: 5 })).toEqual([]);
  });
});
