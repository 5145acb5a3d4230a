/**
 * The installed dependencies of a checkout (ignored folders such as `node_modules/` or
 * `.venv/`, chosen by `tests.dependencies`), made available to other checkouts of the
 * same repository — the run's worktree and the fresh checkout that verifies a change —
 * read-only (docs/security.md §28, §31).
 *
 * How: when the run starts, before any generated code exists, the entries are copied
 * into a stash inside the repository's git directory as hard links (no file data is
 * copied; a copy only where the file system cannot link). A checkout then gets a real
 * folder of that name whose entries are symbolic links into the stash. The sandbox
 * shows the git directory read-only to the code it runs, so a test can neither change
 * an installed package nor reach the originals through the links; caches that tools
 * write into such folders (`node_modules/.vite`, `.cache`) are left out, so each
 * checkout gets its own, writable and empty.
 */
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compileGlobs } from '../../core/paths/glob.ts';
import { git } from './run-git.ts';

/** Folders inside a dependency folder that tools write to while tests run: never shared. */
const CACHE_NAMES = new Set(['.cache', '.vite', '.vite-temp', '.vitest', '.vitest-cache', '.pytest_cache']);

export interface DependencyStash {
  /** The stash folder (inside the git directory), for tools that may read through the links. */
  readonly dir: string;
  /** The ignored entries it holds, relative, without a trailing slash (`node_modules`, `packages/a/node_modules`). */
  readonly entries: readonly string[];
  /** Links every entry into `target`, a checkout of the same repository. */
  linkInto(target: string): Promise<void>;
  /** Removes the stash. Never throws. */
  dispose(): Promise<void>;
}

/**
 * Stashes the ignored entries of the checkout at `root` that match `patterns`.
 * @example const stash = await stashDependencies(root, ['**\/node_modules', '.venv']);
 */
export async function stashDependencies(root: string, patterns: readonly string[]): Promise<DependencyStash> {
  const matches = compileGlobs(patterns);
  const listed = await git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  const entries = listed
    .split('\0')
    .map((entry) => entry.replace(/\/$/, ''))
    // A folder holding a tracked file is listed entry by entry: caches can be entries then.
    .filter((entry) => entry !== '' && matches(entry) && !CACHE_NAMES.has(entry.split('/').at(-1) ?? ''))
    .sort();
  const common = (await git(root, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
  const dir = join(common, 'greenlight', `deps-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  try {
    for (const entry of entries) await linkTree(join(root, entry), join(dir, entry));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    entries,
    async linkInto(target) {
      for (const entry of entries) await linkEntry(join(dir, entry), join(target, entry));
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Links made at once: the file system's thread pool, not one round trip after another. */
const PARALLEL = 32;

/** A copy of `source` at `target` made of hard links; symbolic links are copied as they are. */
async function linkTree(source: string, target: string): Promise<void> {
  const info = await lstat(source);
  if (!info.isDirectory()) {
    await mkdir(dirname(target), { recursive: true });
    await linkOne(source, target, info.isSymbolicLink(), info.isFile());
    return;
  }
  await mkdir(target, { recursive: true, mode: 0o755 });
  const entries = await readdir(source, { recursive: true, withFileTypes: true });
  // Folders first, parents before children (a parent's path is a prefix of its children's).
  const folders = entries.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name));
  folders.sort((a, b) => a.length - b.length);
  for (const folder of folders) await mkdir(join(target, folder.slice(source.length)), { mode: 0o755 });
  const rest = entries.filter((e) => !e.isDirectory());
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rest.length) {
      const entry = rest[next++] as Dirent;
      const from = join(entry.parentPath, entry.name);
      await linkOne(from, join(target, from.slice(source.length)), entry.isSymbolicLink(), entry.isFile());
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

async function linkOne(source: string, target: string, isLink: boolean, isFile: boolean): Promise<void> {
  if (isLink) {
    await symlink(await readlink(source), target);
  } else if (isFile) {
    await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV' && error.code !== 'EPERM' && error.code !== 'EMLINK') throw error;
      await copyFile(source, target);
    });
  }
  // Sockets, FIFOs and devices are no dependencies: left out.
}

/**
 * In `target`: a folder for a stashed folder, holding a link to each of its entries
 * except caches; a link for a stashed file. What the checkout already has (a tracked
 * file inside an ignored folder) stays.
 */
async function linkEntry(stashed: string, target: string): Promise<void> {
  const info = await lstat(stashed);
  if (!info.isDirectory()) {
    await mkdir(dirname(target), { recursive: true });
    await symlink(stashed, target).catch(ignoreExisting);
    return;
  }
  await mkdir(target, { recursive: true });
  const children: Dirent[] = await readdir(stashed, { withFileTypes: true });
  for (const child of children) {
    if (CACHE_NAMES.has(child.name)) continue;
    await symlink(join(stashed, child.name), join(target, child.name)).catch(ignoreExisting);
  }
}

function ignoreExisting(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EEXIST') throw error;
}
