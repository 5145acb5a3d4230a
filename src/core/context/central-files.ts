/**
 * What fills the budget once every file that matched the task is in: a vague task
 * ("Fix CI", "Minor tweaks") matches little, and the budget the user set would go
 * unused while the files the change needs are a tool call away. The fill is the
 * repository's central code, nearest to what was picked first:
 *
 * - files the picked ones import, or that import them (3 points per picked neighbour);
 * - tests of picked sources and sources of picked tests, by name (2);
 * - code beside a picked file (1);
 * - how many files import it (its in-degree in the import graph, log-scaled);
 * - a test of a file that scored above (1);
 * - then any other code, shallowest first.
 *
 * The import graph is read whole up to `FULL_GRAPH_FILES` indexed files; above that,
 * only the directories of the picked files and their parents count, so that filling
 * stays cheap on a monorepo. Copies and bundles are never fill, nor code in another
 * language than the task's when ranking found which one it is about.
 */
import { codeFamily, type CodeFamily } from './code-family.ts';
import { isBundleName } from './find-copies.ts';
import type { IndexCache } from './index-cache.ts';
import { dirName } from './path-parts.ts';
import type { RankedFile } from './rank-files.ts';
import type { Language } from './types.ts';

const FULL_GRAPH_FILES = 4_000;
const MAX_FILL = 200;
const NON_CODE: ReadonlySet<Language> = new Set(['markdown', 'json', 'yaml', 'toml', 'text', 'html', 'css', 'sql']);

/**
 * Code files not yet picked, most central first, as ranked files with one `central`
 * reason (score 0: they matched nothing in the task).
 *
 * @param picked indexes of the files already in the context, best first
 */
export function centralFiles(
  cache: IndexCache,
  picked: readonly number[],
  focus: CodeFamily | null = null,
): RankedFile[] {
  const files = cache.index.files;
  const pickedSet = new Set(picked);
  const pickedDirs = new Set(picked.map((i) => dirName(files[i]!.path)));
  const nearDirs = new Set([...pickedDirs].flatMap((d) => [d, dirName(d)]));
  const isCode = (i: number): boolean => {
    const file = files[i]!;
    return (!NON_CODE.has(file.language) || /\.(?:vue|svelte)$/.test(file.path)) && file.size > 0;
  };
  const pool: number[] = [];
  for (let i = 0; i < files.length; i += 1) {
    if (!isCode(i)) continue;
    // The task is about one language: the other side of the repository is no fill.
    if (focus !== null && codeFamily(files[i]!) !== focus) continue;
    if (files.length > FULL_GRAPH_FILES && !nearDirs.has(dirName(files[i]!.path))) continue;
    pool.push(i);
  }
  for (const i of picked) if (!pool.includes(i) && isCode(i)) pool.push(i);

  const importers = new Map<number, number>();
  const neighbours = new Map<number, number>();
  const bump = (map: Map<number, number>, key: number, by: number): void => {
    map.set(key, (map.get(key) ?? 0) + by);
  };
  for (const i of pool) {
    const targets = new Set(cache.imports(i).flatMap((s) => cache.resolveImport(i, s)));
    for (const target of targets) {
      if (target === i) continue;
      bump(importers, target, 1);
      if (pickedSet.has(i)) bump(neighbours, target, 1);
      if (pickedSet.has(target)) bump(neighbours, i, 1);
    }
  }
  const paired = new Set<number>();
  for (const i of picked) {
    for (const j of cache.testPairs.testsOf(i)) paired.add(j);
    for (const j of cache.testPairs.sourcesOf(i)) paired.add(j);
  }

  const scored: { i: number; prior: number; detail: string }[] = [];
  const priorOf = new Map<number, number>();
  for (const i of pool) {
    const near = neighbours.get(i) ?? 0;
    const inDegree = importers.get(i) ?? 0;
    const beside = pickedDirs.has(dirName(files[i]!.path));
    priorOf.set(i, 3 * near + (paired.has(i) ? 2 : 0) + (beside ? 1 : 0) + Math.log2(1 + inDegree));
  }
  for (const i of pool) {
    if (pickedSet.has(i) || isBundleName(files[i]!.path)) continue;
    const near = neighbours.get(i) ?? 0;
    const inDegree = importers.get(i) ?? 0;
    const beside = pickedDirs.has(dirName(files[i]!.path));
    // A test of central code is worth a look too (the fill's own picks are not in `picked`).
    const testsCentral = files[i]!.isTest && cache.testPairs.sourcesOf(i).some((j) => (priorOf.get(j) ?? 0) > 0);
    const prior = priorOf.get(i)! + (testsCentral ? 1 : 0);
    const why: string[] = [];
    if (near > 0) why.push(`next to ${near} picked ${near === 1 ? 'file' : 'files'} in the import graph`);
    if (paired.has(i)) why.push(files[i]!.isTest ? 'tests a picked file' : 'tested by a picked file');
    if (beside) why.push('beside a picked file');
    if (inDegree > 0) why.push(`imported by ${inDegree} ${inDegree === 1 ? 'file' : 'files'}`);
    if (testsCentral && !paired.has(i)) why.push('tests central code');
    scored.push({
      i,
      prior,
      detail: why.length > 0 ? `central: ${why.join(', ')}` : 'fill: more code of this repository',
    });
  }
  const depth = (i: number): number => files[i]!.path.split('/').length;
  scored.sort((a, b) => b.prior - a.prior || depth(a.i) - depth(b.i) || (files[a.i]!.path < files[b.i]!.path ? -1 : 1));
  const fill: RankedFile[] = [];
  for (const { i, detail } of scored) {
    if (fill.length >= MAX_FILL) break;
    if (cache.copyOf(i) !== null) continue;
    fill.push({
      index: i,
      path: files[i]!.path,
      score: 0,
      reasons: [{ signal: 'central', detail, score: 0 }],
      anchors: [],
    });
  }
  return fill;
}
