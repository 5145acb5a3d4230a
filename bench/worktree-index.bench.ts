/**
 * The cost of keeping git's racy-clean protection in the working-tree snapshot
 * (`withWorktreeIndex`: copy the index, `git add --all`, here `git write-tree`) on a
 * generated repository of 20,000 files (~40 MB) with 20 edited, 5 new and 5 deleted
 * files, median of 5 runs each:
 *
 *   plain copy     the index copied with a fresh mtime (what greenlight did before; it
 *                  misses same-size edits made in the same second as the indexed stat)
 *   dated copy     greenlight's way: the copy keeps the original's mtime (whole seconds)
 *   dated, racy    the same when every entry is racily clean (the index written in the
 *                  second the files were: right after a fast checkout), so git re-reads
 *                  every file; git status on the repository's own index pays this too
 *   fresh index    the alternative: no copy, `read-tree HEAD` + `add --all` hashes
 *                  every file on every snapshot
 *
 * Target: dated copy within 1.2× of the plain copy. Informative: prints figures and
 * ratios, exits 0.
 *
 *   node bench/worktree-index.bench.ts [files]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withWorktreeIndex } from '../src/adapters/git/with-worktree-index.ts';
import { git } from '../src/adapters/git/run-git.ts';

const FILES = Number(process.argv[2] ?? 20_000);
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function generate(root: string): void {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const run = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { env, stdio: 'pipe' });
  run('init', '-q', '-b', 'main');
  const body = 'export const value = 1;\n'.repeat(80);
  for (let i = 0; i < FILES; i += 1) {
    const path = join(root, `packages/p${i % 50}/src/m${i % 400}/file${i}.ts`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `// file ${i}\n${body}`);
  }
  run('add', '--all');
  run('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'init');
  // Edits at the end of the list, so that file 0 keeps the oldest mtime of all entries.
  for (let i = FILES - 20; i < FILES; i += 1)
    writeFileSync(join(root, `packages/p${i % 50}/src/m${i % 400}/file${i}.ts`), `// edited ${i}\n${body}`);
  for (let i = 0; i < 5; i += 1) writeFileSync(join(root, `packages/p0/src/new${i}.ts`), body);
  for (let i = 100; i < 105; i += 1) unlinkSync(join(root, `packages/p${i % 50}/src/m${i % 400}/file${i}.ts`));
}

const writeTree = (root: string) =>
  withWorktreeIndex(root, (options) => git(root, ['write-tree'], options)).then((tree) => tree.trim());

/** The former withWorktreeIndex, step for step, with a plain copy. */
async function plainCopy(root: string): Promise<string> {
  const gitIndex = (await git(root, ['rev-parse', '--git-path', 'index'])).trim();
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-index-'));
  try {
    copyFileSync(join(root, gitIndex), join(dir, 'index'));
    const options = { env: { GIT_INDEX_FILE: join(dir, 'index') } };
    await git(root, ['add', '--all', '--', ':/'], options);
    return (await git(root, ['write-tree'], options)).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freshIndex(root: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-index-'));
  try {
    const options = { env: { GIT_INDEX_FILE: join(dir, 'index') } };
    await git(root, ['read-tree', 'HEAD'], options);
    await git(root, ['add', '--all', '--', ':/'], options);
    return (await git(root, ['write-tree'], options)).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Variant {
  name: string;
  /** Puts the repository's index in the state this variant needs. */
  prepare: () => void;
  snapshot: () => Promise<string>;
}

/** Runs the variants in turn, RUNS rounds, so that load on the machine hits all alike. */
async function measure(variants: Variant[], expected: string): Promise<Map<string, number>> {
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const variant of variants) {
      variant.prepare();
      const started = performance.now();
      const tree = await variant.snapshot();
      times.get(variant.name)?.push(performance.now() - started);
      if (tree !== expected) throw new Error(`${variant.name} recorded ${tree}, expected ${expected}`);
    }
  }
  const medians = new Map([...times].map(([name, list]) => [name, median(list)]));
  for (const [name, ms] of medians) process.stdout.write(`  ${name.padEnd(13)} ${ms.toFixed(0).padStart(6)} ms\n`);
  return medians;
}

const root = mkdtempSync(join(tmpdir(), 'greenlight-bench-worktree-'));
try {
  const started = performance.now();
  generate(root);
  process.stdout.write(`${FILES} files generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const index = join(root, '.git', 'index');
  // Whether entries are racy is decided by the index's mtime against theirs.
  const late = Math.floor(Date.now() / 1000) + 5;
  const oldest = Math.floor(statSync(join(root, 'packages/p0/src/m0/file0.ts')).mtimeMs / 1000);
  const dateIndex = (seconds: number) => () => utimesSync(index, seconds, seconds);
  const expected = await freshIndex(root);
  await plainCopy(root); // warm the page cache for everyone
  const medians = await measure(
    [
      { name: 'plain copy', prepare: dateIndex(late), snapshot: () => plainCopy(root) },
      { name: 'dated copy', prepare: dateIndex(late), snapshot: () => writeTree(root) },
      // Every entry racily clean: the index dated in the second its oldest entry was written.
      { name: 'dated, racy', prepare: dateIndex(oldest), snapshot: () => writeTree(root) },
      { name: 'fresh index', prepare: dateIndex(late), snapshot: () => freshIndex(root) },
    ],
    expected,
  );
  const of = (name: string) => medians.get(name) ?? Number.NaN;
  const ratio = of('dated copy') / of('plain copy');
  process.stdout.write(
    `  dated/plain ${ratio.toFixed(2)} (target <= 1.2: ${ratio <= 1.2 ? 'ok' : 'OVER TARGET'}); ` +
      `racy/plain ${(of('dated, racy') / of('plain copy')).toFixed(2)}; ` +
      `fresh/plain ${(of('fresh index') / of('plain copy')).toFixed(2)}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
