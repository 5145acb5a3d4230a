/**
 * Retrieval quality of context assembly, on a labelled set mined from real git history:
 * every commit that modifies at least one test file and one source file is an example;
 * its message is the task, and the source and test files it modified (that existed
 * before it) are the files that matter. The repository is indexed as it was at the
 * commit's parent, so nothing of the change is visible.
 *
 * For each example it prints whether those files made it into the context at 8k, 20k
 * and 50k tokens (recall), beside a plain BM25 baseline over the same files: a full
 * inverted index of path and content words (camelCase/snake_case split), the task's
 * words as the query, whole files packed best-first until the budget is spent.
 * Target: ≥ 15 points above BM25 at 20k.
 *
 * Sources (see bench/fixtures/retrieval/README.md for provenance):
 * - this repository's own history (default; it grows with the project);
 * - any other local clone with history: `node bench/context-quality.bench.ts --repo DIR`.
 * `--write FILE` saves the mined labelled set (commit, task, files) as JSON.
 *
 * Then the layouts of bench/fixtures/layouts/, built in memory: a Python package in a
 * subdirectory beside a TypeScript frontend, and a library with a vendored copy of
 * itself (see evaluateLayouts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assembleContext } from '../src/core/context/assemble-context.ts';
import { isTestPath } from '../src/core/context/is-test-path.ts';
import { splitWords } from '../src/core/context/split-words.ts';
import { STOPWORDS } from '../src/core/context/stopwords.ts';
import type { IndexedFile, RepoIndex } from '../src/core/context/types.ts';
import { sanitizeUntrustedText } from '../src/core/text/sanitize-untrusted-text.ts';
import { countTokens } from '../src/core/text/count-tokens.ts';
import { LAYOUTS, layoutIndex } from './fixtures/layouts/index.ts';
import { changedFiles, CODE_FILE, gitIn, indexAt } from './git-history.ts';

const BUDGETS = [8_000, 20_000, 50_000] as const;
const TARGET_POINTS_AT_20K = 15;

export interface LabelledExample {
  repository: string;
  commit: string;
  parent: string;
  task: string;
  /** Modified source and test files that existed at the parent. */
  files: string[];
}

const { values } = parseArgs({
  options: { repo: { type: 'string' }, write: { type: 'string' }, max: { type: 'string' } },
});
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(values.repo ?? resolve(here, '..'));
const examples = mineExamples(repo, Number(values.max ?? 60));
if (values.write) {
  mkdirSync(dirname(resolve(values.write)), { recursive: true });
  writeFileSync(resolve(values.write), `${JSON.stringify(examples, null, 2)}\n`);
}
if (examples.length === 0) {
  process.stdout.write(`no labelled examples in ${repo} (no commit modifies both a test and a source file)\n`);
} else {
  evaluate(examples);
}
evaluateLayouts();

function mineExamples(root: string, max: number): LabelledExample[] {
  const name = values.repo ? (root.split('/').at(-1) ?? root) : 'greenlight';
  const log = gitIn(root, ['log', '--no-merges', '--format=%H %P', '-n', '2000']).toString().trim().split('\n');
  const found: LabelledExample[] = [];
  for (const line of log) {
    const [commit, parent, extra] = line.split(' ');
    if (!commit || !parent || extra) continue; // root commits and merges have no single parent
    const files = changedFiles(root, parent, commit)
      .filter((f) => f.status === 'M' && CODE_FILE.test(f.path))
      .map((f) => f.path);
    const tests = files.filter((f) => isTestPath(f));
    if (tests.length === 0 || tests.length === files.length) continue;
    const task = gitIn(root, ['log', '-1', '--format=%B', commit]).toString().trim();
    found.push({ repository: name, commit, parent, task, files: files.sort() });
    if (found.length >= max) break;
  }
  return found;
}

/** Plain BM25 (k1 1.2, b 0.75) over path + content words; whole files best-first into the budget. */
function bm25Pack(index: RepoIndex, task: string, budget: number): Set<string> {
  const query = [...new Set(splitWords(task).filter((w) => w.length >= 2 && !STOPWORDS.has(w)))];
  const docs = index.files.map((file: IndexedFile) => {
    const tf = new Map<string, number>();
    const words = splitWords(`${file.path} ${file.content}`);
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { file, tf, length: words.length };
  });
  const n = docs.length;
  const average = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, n);
  const df = new Map(query.map((q) => [q, docs.filter((d) => d.tf.has(q)).length]));
  const scored = docs
    .map((d) => {
      let score = 0;
      for (const q of query) {
        const f = d.tf.get(q) ?? 0;
        if (f === 0) continue;
        const idf = Math.log(1 + (n - df.get(q)! + 0.5) / (df.get(q)! + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / average));
      }
      return { path: d.file.path, score, tokens: countTokens(d.file.content) + 20 };
    })
    .filter((d) => d.score > 0)
    .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  const picked = new Set<string>();
  let left = budget;
  for (const d of scored) {
    if (d.tokens > left) continue;
    picked.add(d.path);
    left -= d.tokens;
  }
  return picked;
}

function evaluate(all: readonly LabelledExample[]): void {
  const totals = { ours: BUDGETS.map(() => 0), bm25: BUDGETS.map(() => 0) };
  let counted = 0;
  const rows: string[] = [];
  const started = performance.now();
  for (const example of all) {
    const index = indexAt(repo, example.parent);
    const indexed = new Set(index.files.map((f) => f.path));
    const relevant = example.files.filter((f) => indexed.has(f));
    if (relevant.length === 0) continue;
    counted += 1;
    const cells: string[] = [];
    BUDGETS.forEach((budget, b) => {
      const pack = assembleContext(index, sanitizeUntrustedText(example.task), { budgetTokens: budget });
      const ours = new Set(pack.items.map((i) => i.path));
      const baseline = bm25Pack(index, example.task, budget);
      const oursRecall = relevant.filter((f) => ours.has(f)).length / relevant.length;
      const bm25Recall = relevant.filter((f) => baseline.has(f)).length / relevant.length;
      totals.ours[b]! += oursRecall;
      totals.bm25[b]! += bm25Recall;
      cells.push(`${pct(oursRecall).padStart(4)} ${pct(bm25Recall).padStart(4)}`);
    });
    rows.push(
      `${example.commit.slice(0, 8)}  ${String(relevant.length).padStart(3)}  ${cells.join('   ')}  ${example.task.split('\n')[0]!.slice(0, 60)}`,
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `labelled set: ${counted} commits of ${all[0]!.repository} that modify tests and sources (task = commit message)\n\n`,
  );
  process.stdout.write(
    `commit    files  ${BUDGETS.map((b) => `@${b / 1000}k ours bm25`.padEnd(14)).join(' ')}  task\n`,
  );
  for (const row of rows) process.stdout.write(`${row}\n`);
  process.stdout.write('\nmean recall of the files that matter:\n');
  let ok = true;
  BUDGETS.forEach((budget, b) => {
    const ours = (totals.ours[b]! / counted) * 100;
    const bm25 = (totals.bm25[b]! / counted) * 100;
    const gain = ours - bm25;
    if (budget === 20_000 && gain < TARGET_POINTS_AT_20K) ok = false;
    process.stdout.write(
      `  ${String(budget / 1000).padStart(2)}k tokens: greenlight ${ours.toFixed(1)}%  plain BM25 ${bm25.toFixed(1)}%  (${gain >= 0 ? '+' : ''}${gain.toFixed(1)} points)\n`,
    );
  });
  process.stdout.write(
    `target: ≥ ${TARGET_POINTS_AT_20K} points above BM25 at 20k — ${ok ? 'met' : 'NOT MET'} (${seconds} s)\n`,
  );
  process.exitCode = ok ? 0 : 1;
}

/**
 * The layouts of bench/fixtures/layouts/: for each task, the files that matter in the
 * context at each budget (and BM25's), the copies that must stay out, and how many of
 * the first 10 files belong to the other side of a mixed repository. Every expected
 * file in at 20k, no copy in, and none of the other side in the first 10 is the target.
 */
function evaluateLayouts(): void {
  process.stdout.write('\nlayouts built in bench/fixtures/layouts/ (files in the context: greenlight / BM25):\n');
  let ok = true;
  for (const layout of LAYOUTS) {
    const index = layoutIndex(layout);
    process.stdout.write(`  ${layout.name}: ${layout.shape}\n`);
    for (const c of layout.cases) {
      const cells: string[] = [];
      const notes: string[] = [];
      BUDGETS.forEach((budget) => {
        const pack = assembleContext(index, sanitizeUntrustedText(c.task), { budgetTokens: budget });
        const ours = new Set(pack.items.map((i) => i.path));
        const baseline = bm25Pack(index, c.task, budget);
        const found = c.files.filter((f) => ours.has(f)).length;
        cells.push(`${found}/${c.files.length} ${c.files.filter((f) => baseline.has(f)).length}/${c.files.length}`);
        if (budget !== 20_000) return;
        const copies = (c.absent ?? []).filter((f) => ours.has(f));
        const other = c.area === undefined ? [] : pack.items.slice(0, 10).filter((i) => !i.path.startsWith(c.area!));
        if (found < c.files.length || copies.length > 0 || other.length > 0) ok = false;
        if (c.absent !== undefined) notes.push(`copies in: ${copies.length}`);
        if (c.area !== undefined) notes.push(`outside ${c.area} in the first 10: ${other.length}`);
      });
      process.stdout.write(
        `    ${BUDGETS.map((b, k) => `@${b / 1000}k ${cells[k]}`).join('  ')}  ${notes.join(', ')}  ${c.task.slice(0, 60)}\n`,
      );
    }
  }
  process.stdout.write(
    `target: every file in at 20k, no copy in, none of the other side in the first 10 — ${ok ? 'met' : 'NOT MET'}\n`,
  );
  if (!ok) process.exitCode = 1;
}

function pct(value: number): string {
  return `${Math.round(value * 100)}%`;
}
