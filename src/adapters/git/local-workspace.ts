/**
 * The Workspace port on a local git checkout, with real git (see run-git.ts).
 * Paths are relative to the repository root, with forward slashes.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import type { FileChange, Workspace } from '../../ports/workspace.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { diffChanges, DIFF_FLAGS } from './diff-changes.ts';
import { resolveRevision } from './resolve-revision.ts';
import { git, runGit } from './run-git.ts';
import { withWorktreeIndex } from './with-worktree-index.ts';

const NUL_SCAN = 8_000;

export class LocalWorkspace implements Workspace {
  readonly root: string;

  /** Use `LocalWorkspace.open(dir)` to start from any directory inside a checkout. */
  constructor(root: string) {
    this.root = root;
  }

  /** The workspace of the checkout containing `dir` (its top level). */
  static async open(dir: string): Promise<LocalWorkspace> {
    const top = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
    if (top === '')
      throw new GreenlightError(
        'git',
        `${dir} is inside a bare repository or .git directory: run greenlight in a working tree.`,
      );
    return new LocalWorkspace(top);
  }

  async headSha(): Promise<string> {
    const result = await runGit(this.root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    if (result.exitCode !== 0) {
      await git(this.root, ['rev-parse', '--git-dir']); // not a repository → its own message
      throw new GreenlightError('git', `the repository in ${this.root} has no commits yet: commit something first.`);
    }
    return result.stdout.trim();
  }

  async currentBranch(): Promise<string | null> {
    const result = await runGit(this.root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
    if (result.exitCode === 0) return result.stdout.trim();
    await git(this.root, ['rev-parse', '--git-dir']);
    return null; // detached HEAD
  }

  async listFiles(): Promise<string[]> {
    const [all, deleted] = await Promise.all([
      git(this.root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']),
      git(this.root, ['ls-files', '-z', '--deleted']),
    ]);
    const gone = new Set(deleted.split('\0'));
    return [...new Set(all.split('\0'))].filter((path) => path !== '' && !gone.has(path)).sort();
  }

  /**
   * The text of a working-tree file, or null when it is missing, not a regular file,
   * binary, or outside the workspace (an absolute path, `..`, `.git/`, or a symlink
   * that resolves elsewhere).
   */
  async readFile(path: string): Promise<string | null> {
    if (isAbsolute(path) || path.split(/[\\/]/).some((part) => part === '..') || /^\.git(?:[\\/]|$)/.test(path))
      return null;
    try {
      const [root, target] = await Promise.all([realpath(this.root), realpath(join(this.root, path))]);
      if (!target.startsWith(root + sep)) return null;
      if (!(await stat(target)).isFile()) return null;
      const bytes = await readFile(target);
      if (bytes.subarray(0, NUL_SCAN).includes(0)) return null;
      return bytes.toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
      throw error;
    }
  }

  async changes(base: string): Promise<FileChange[]> {
    const from = await resolveRevision(this.root, base);
    return withWorktreeIndex(this.root, (options) => diffChanges(this.root, ['--cached', from], options));
  }

  async diff(base: string): Promise<string> {
    const from = await resolveRevision(this.root, base);
    return withWorktreeIndex(this.root, (options) =>
      git(this.root, ['diff', ...DIFF_FLAGS, '--binary', '--cached', from, '--'], options),
    );
  }

  async isClean(): Promise<boolean> {
    const status = await git(this.root, [
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=normal',
      '--ignore-submodules=none',
    ]);
    return status === '';
  }
}
