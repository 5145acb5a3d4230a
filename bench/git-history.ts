/**
 * Reading a local clone's history for the retrieval benches: git in a given repository,
 * and the tree of any commit as a `RepoIndex` read from git objects (no checkout, so the
 * clone is never touched and a bare repository works too).
 *
 * Not a bench itself (no `.bench.ts`): bench/context-quality.bench.ts and
 * bench/history-recall.ts use it.
 */
import { spawnSync } from 'node:child_process';
import { buildRepoIndex } from '../src/core/context/build-repo-index.ts';
import type { RepoIndex } from '../src/core/context/types.ts';

/** Source and test code, by extension: the files a labelled change is scored on. */
export const CODE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|py|go|java|kt|rb|rs|sh|bats|c|h|cc|cpp|hpp|cs|php|swift)$/;

/** Runs git in `repo`; throws with git's stderr when it fails. */
export function gitIn(repo: string, args: readonly string[], input?: string): Buffer {
  const result = spawnSync('git', args, { cwd: repo, input, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} (in ${repo}): ${result.stderr.toString().trim()}`);
  return result.stdout;
}

/** Runs git in `repo`; null when it fails (a snapshot may lack its largest blobs). */
export function tryGitIn(repo: string, args: readonly string[]): Buffer | null {
  const result = spawnSync('git', args, { cwd: repo, maxBuffer: 1 << 30 });
  return result.status === 0 ? result.stdout : null;
}

export interface ChangedFile {
  /** `M`, `A`, `D`, … as `git diff-tree --name-status` prints it (renames are split). */
  status: string;
  path: string;
}

/** The files `commit` changed against `parent`, renames seen as a deletion and an addition. */
export function changedFiles(repo: string, parent: string, commit: string): ChangedFile[] {
  const fields = gitIn(repo, [
    'diff-tree',
    '--no-commit-id',
    '-r',
    '--name-status',
    '--no-renames',
    '-z',
    parent,
    commit,
  ])
    .toString()
    .split('\0')
    .filter(Boolean);
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) files.push({ status: fields[i]!, path: fields[i + 1]! });
  return files;
}

/** The tree of `commit`, read from git objects, indexed as greenlight indexes a checkout. */
export function indexAt(repo: string, commit: string): RepoIndex {
  const entries = gitIn(repo, ['ls-tree', '-r', '-z', '--full-tree', commit])
    .toString()
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode, type, sha] = entry.slice(0, tab).split(' ');
      return { mode: mode!, type: type!, sha: sha!, path: entry.slice(tab + 1) };
    })
    // Submodules are commits, symlinks are never followed: neither is read.
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const output = gitIn(repo, ['cat-file', '--batch'], `${entries.map((e) => e.sha).join('\n')}\n`);
  const blobs = new Map<string, Uint8Array>();
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString().split(' ');
    // A blob missing from a partial clone is reported as `<sha> missing`.
    const size = header[1] === 'missing' ? -1 : Number(header[2]);
    if (size >= 0) blobs.set(entry.path, output.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + Math.max(0, size) + (size >= 0 ? 1 : 0);
  }
  return buildRepoIndex(
    entries.map((e) => e.path),
    (path, maxBytes) => {
      const bytes = blobs.get(path);
      if (!bytes) return null;
      return bytes.length > maxBytes ? { tooLarge: true } : { bytes };
    },
    { maxFileBytes: 512_000, exclude: [] },
  );
}
