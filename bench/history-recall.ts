/**
 * Context recall on other projects' real history: for each recent commit of each
 * repository given, the commit message is the task and the code files the commit
 * modified are the answer; the repository is indexed as it was at the commit's parent
 * (read from git objects, the clone is not touched). It prints, per repository and in
 * total, the share of those files that the context held at each budget ("file recall")
 * and the share of changes that got every one of their files ("all files").
 *
 * Which commits count: one parent (no merges, no root), an author that is not a bot,
 * at most 30 files changed and 1,500 lines (huge commits are sweeps, not tasks), and
 * 1–10 modified code files (`CODE_FILE` in bench/git-history.ts) that greenlight
 * indexes at the parent — a file the commit added cannot be retrieved, and a file the
 * index leaves out (lockfile, vendored, generated, minified) is never shown anyway.
 * The newest `--max` such commits of each repository are used.
 *
 * Run it on any local clones with history:
 *   node bench/history-recall.ts ../ky ../click@v8.1.0        # PATH or PATH@NEWEST-COMMIT
 *   node bench/history-recall.ts --list bench/fixtures/retrieval/public-history.json \
 *     --clones '/src/{owner}/{name}' --split held-out
 * Options: --max N (changes per repository, default 40), --budgets 8000,20000,50000
 * (default 20000), --with-tests (only changes that modify both a test and a source file, as
 * bench/context-quality.bench.ts counts them), --verbose (one row per change, with the
 * files the context missed),
 * --write FILE (the labelled set as JSON). Not a `*.bench.ts`: `npm run bench` does not
 * run it, because it needs clones that are not part of this repository.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assembleContext } from '../src/core/context/assemble-context.ts';
import { analyzeTask } from '../src/core/context/analyze-task.ts';
import { isTestPath } from '../src/core/context/is-test-path.ts';
import { rankFiles } from '../src/core/context/rank-files.ts';
import type { RepoIndex } from '../src/core/context/types.ts';
import { countTokens } from '../src/core/text/count-tokens.ts';
import { sanitizeUntrustedText } from '../src/core/text/sanitize-untrusted-text.ts';
import { changedFiles, CODE_FILE, gitIn, indexAt, tryGitIn } from './git-history.ts';

const MAX_CHANGED_FILES = 30;
const MAX_CHANGED_LINES = 1_500;
const MAX_ANSWER_FILES = 10;
const BOT_AUTHOR = /\[bot\]|dependabot|renovate|pre-commit-ci|github-actions|greenkeeper|allcontributors/i;
const TRAILER = /^(?:[A-Z][\w-]*-by|Co-authored-by|Change-Id|Reviewed-on|Closes|Fixes):/i;

interface RepoSpec {
  name: string;
  path: string;
  /** The newest commit mined (a revision). */
  head: string;
  split: string;
}

interface ListEntry {
  repo: string;
  split: string;
  head: string;
}

interface Change {
  repository: string;
  commit: string;
  parent: string;
  task: string;
  files: string[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    list: { type: 'string' },
    clones: { type: 'string' },
    split: { type: 'string' },
    max: { type: 'string', default: '40' },
    budgets: { type: 'string', default: '20000' },
    verbose: { type: 'boolean', default: false },
    write: { type: 'string' },
    'with-tests': { type: 'boolean', default: false },
  },
});

const specs = repositories();
if (specs.length === 0) {
  process.stderr.write(
    'usage: node bench/history-recall.ts PATH[@REV]... | --list FILE --clones TEMPLATE [--split NAME]\n',
  );
  process.exit(2);
}
const budgets = values.budgets.split(',').map((b) => Number(b.trim()));
if (budgets.some((b) => !Number.isInteger(b) || b <= 0)) {
  process.stderr.write(`--budgets takes token counts separated by commas, not ${values.budgets}\n`);
  process.exit(2);
}
run(specs, Number(values.max), budgets);

function repositories(): RepoSpec[] {
  const fromArgs = positionals.map((arg): RepoSpec => {
    const at = arg.lastIndexOf('@');
    const path = resolve(at > 0 ? arg.slice(0, at) : arg);
    return {
      name: path.split('/').filter(Boolean).at(-1)!,
      path,
      head: at > 0 ? arg.slice(at + 1) : 'HEAD',
      split: '-',
    };
  });
  if (values.list === undefined) return fromArgs;
  if (values.clones === undefined) {
    process.stderr.write("--list needs --clones TEMPLATE, e.g. '/src/{owner}/{name}'\n");
    process.exit(2);
  }
  const entries = JSON.parse(readFileSync(values.list, 'utf8')) as ListEntry[];
  const listed = entries
    .filter((e) => values.split === undefined || e.split === values.split)
    .map((e): RepoSpec => {
      const [owner, name] = e.repo.split('/') as [string, string];
      const path = values.clones!.replaceAll('{owner}', owner).replaceAll('{name}', name);
      if (!existsSync(path)) {
        process.stderr.write(`${e.repo}: no clone at ${path}\n`);
        process.exit(2);
      }
      return { name: e.repo, path, head: e.head, split: e.split };
    });
  return [...fromArgs, ...listed];
}

/** The newest `max` commits from `spec.head` that qualify (see the file comment), with their answers. */
function mine(spec: RepoSpec, max: number): Change[] {
  const found: Change[] = [];
  const log = gitIn(spec.path, ['log', '--no-merges', '--format=%H %P%x09%an <%ae>', '-n', '3000', spec.head])
    .toString()
    .trim()
    .split('\n');
  for (const line of log) {
    if (found.length >= max) break;
    const [ids, author = ''] = line.split('\t');
    const [commit, parent, extra] = (ids ?? '').split(' ');
    if (!commit || !parent || extra || BOT_AUTHOR.test(author)) continue;
    const changed = changedFiles(spec.path, parent, commit);
    if (changed.length > MAX_CHANGED_FILES) continue;
    const modified = changed.filter((f) => f.status === 'M' && CODE_FILE.test(f.path)).map((f) => f.path);
    if (modified.length === 0 || modified.length > MAX_ANSWER_FILES) continue;
    if (values['with-tests']) {
      const tests = modified.filter((f) => isTestPath(f)).length;
      if (tests === 0 || tests === modified.length) continue;
    }
    if (changedLines(spec.path, parent, commit) > MAX_CHANGED_LINES) continue;
    const task = gitIn(spec.path, ['log', '-1', '--format=%B', commit])
      .toString()
      .split('\n')
      .filter((l) => !TRAILER.test(l.trim()))
      .join('\n')
      .trim();
    found.push({ repository: spec.name, commit, parent, task, files: modified.sort() });
  }
  return found;
}

/** Lines added and deleted; Infinity when git cannot diff (a clone that lacks a large blob). */
function changedLines(repo: string, parent: string, commit: string): number {
  const numstat = tryGitIn(repo, ['diff-tree', '--no-commit-id', '-r', '--numstat', '--no-renames', parent, commit]);
  if (numstat === null) return Infinity;
  let total = 0;
  for (const line of numstat.toString().split('\n')) {
    const [added, deleted] = line.split('\t');
    // Binary files show `-`: they count as one line each.
    if (added !== undefined && deleted !== undefined) total += (Number(added) || 1) + (Number(deleted) || 1);
  }
  return total;
}

interface Tally {
  changes: number;
  files: number;
  found: number[];
  complete: number[];
}

function run(all: readonly RepoSpec[], max: number, budgetList: readonly number[]): void {
  const started = performance.now();
  const tallies = new Map<string, Tally>();
  const bySplit = new Map<string, Tally>();
  const written: Change[] = [];
  const rows: string[] = [];
  const empty = (): Tally => ({
    changes: 0,
    files: 0,
    found: budgetList.map(() => 0),
    complete: budgetList.map(() => 0),
  });
  for (const spec of all) {
    const tally = empty();
    tallies.set(spec.name, tally);
    const split = bySplit.get(spec.split) ?? empty();
    bySplit.set(spec.split, split);
    let mined = 0;
    for (const change of mine(spec, max * 2)) {
      if (mined >= max) break;
      const index = indexAt(spec.path, change.parent);
      const indexed = new Set(index.files.map((f) => f.path));
      const answer = change.files.filter((f) => indexed.has(f));
      if (answer.length === 0) continue;
      mined += 1;
      written.push({ ...change, files: answer });
      const cells: string[] = [];
      const missed: string[] = [];
      let used = 0;
      for (const t of [tally, split]) {
        t.changes += 1;
        t.files += answer.length;
      }
      budgetList.forEach((budget, b) => {
        const pack = assembleContext(index, sanitizeUntrustedText(change.task), { budgetTokens: budget });
        const picked = new Set(pack.items.map((i) => i.path));
        const hits = answer.filter((f) => picked.has(f));
        for (const t of [tally, split]) {
          t.found[b]! += hits.length;
          if (hits.length === answer.length) t.complete[b]! += 1;
        }
        cells.push(`${hits.length}/${answer.length}`.padStart(6));
        if (b === budgetList.length - 1) {
          for (const f of answer.filter((path) => !picked.has(path))) missed.push(whyMissed(index, change.task, f));
          used = pack.usedTokens;
        }
      });
      if (values.verbose) {
        rows.push(
          `${spec.name.padEnd(36)} ${change.commit.slice(0, 8)} ${cells.join(' ')} ${String(used).padStart(6)}  ${change.task.split('\n')[0]!.slice(0, 70)}` +
            (missed.length > 0 ? `\n${''.padEnd(46)}missed: ${missed.join(', ')}` : ''),
        );
      }
    }
  }
  if (values.write) writeFileSync(resolve(values.write), `${JSON.stringify(written, null, 2)}\n`);
  for (const row of rows) process.stdout.write(`${row}\n`);
  if (rows.length > 0) process.stdout.write('\n');
  const header = budgetList.map((b) => `@${b / 1000}k files  all`.padStart(20)).join('');
  process.stdout.write(`${'repository'.padEnd(36)} ${'split'.padEnd(9)} changes  files${header}\n`);
  const line = (name: string, split: string, t: Tally): string =>
    `${name.padEnd(36)} ${split.padEnd(9)} ${String(t.changes).padStart(7)} ${String(t.files).padStart(6)}` +
    budgetList
      .map((_, b) => `${pct(t.found[b]!, t.files).padStart(12)} ${pct(t.complete[b]!, t.changes).padStart(7)}`)
      .join('');
  for (const spec of all) process.stdout.write(`${line(spec.name, spec.split, tallies.get(spec.name)!)}\n`);
  for (const [split, t] of bySplit) process.stdout.write(`${line(`total (${split})`, split, t)}\n`);
  process.stdout.write(
    `\nfiles: share of the modified code files in the context; all: share of changes with every file in it. ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** For --verbose: where a missed file ranked (`#12`, or `unscored`) and its size in tokens. */
function whyMissed(index: RepoIndex, task: string, path: string): string {
  const ranking = rankFiles(index, analyzeTask(sanitizeUntrustedText(task)), []);
  const rank = ranking.files.findIndex((f) => f.path === path);
  const file = index.files.find((f) => f.path === path)!;
  return `${path} (${rank === -1 ? 'unscored' : `#${rank + 1}`}, ${countTokens(file.content)} tokens)`;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}
