/**
 * Ranks indexed files for a task by combining signals. Weights (points added to a
 * file's score; documented in docs/context.md):
 *
 * | signal | points |
 * | --- | --- |
 * | path written in the task (exact, or a unique suffix/basename) | 10 (shared between files when ambiguous) |
 * | file of a stack-trace frame | 8 |
 * | defines a mentioned identifier (parser-confirmed) | 8 for exported/top-level, 5 for members, ÷ √(files defining it); ×0.5 for plain lower-case words |
 * | uses a mentioned identifier (contains it; ≤ 40 files do) | 2.5 ÷ √(files using it) |
 * | BM25 of contents (task terms) | up to 4 (scaled to the best file) |
 * | BM25 of path tokens | up to 3 (scaled to the best file) |
 * | in the PR diff (`/fix`) / changed in recent commits | 5 / 1.5 |
 * | test of a top file, or source of a top test | 0.7 × that file's score, at most 7 |
 * | imported by a top file | 0.35 × its score, at most 3 (+3 when it is a type/interface file) |
 * | a test that imports a top source (found among tests mentioning its file name) | 0.35 × its score, at most 4 |
 * | imports a top file | 0.2 × its score, at most 2 |
 * | manifest/config governing a top file (package.json, tsconfig, pyproject, go.mod, …) | 1.5 |
 * | a copy of another file (find-copies.ts) / a built bundle, unless the task names it | score × 0.3 of the lower of the two / × 0.5 |
 *
 * "Top files" are the 20 best by the direct signals (first four rows and recent changes);
 * relations add to them only once (one hop), so the ranking stays explainable.
 */
import type { CodeFamily } from './code-family.ts';
import { demoteCopies, focusLanguage } from './demote-files.ts';
import { indexCache, type IndexCache } from './index-cache.ts';
import type { ImportResolver } from './import-resolver.ts';
import { lexicalScores, scanTerms, type TermScan } from './lexical-scores.ts';
import { baseName, dirName } from './path-parts.ts';
import { splitWords } from './split-words.ts';
import { round, Scoreboard, sortedIndexes, strongestFirst } from './scoreboard.ts';
import type { TestPairs } from './test-pairs.ts';
import type { LineRange, Reason, ReasonSignal, RecentChange, RepoIndex, TaskAnalysis } from './types.ts';

export const WEIGHTS = {
  mentionedPath: 10,
  mentionedDirectory: 2,
  stackFrame: 8,
  definesExported: 8,
  definesMember: 5,
  usesSymbol: 2.5,
  testImports: 0.35,
  testImportsMax: 4,
  lexicalContent: 4,
  lexicalPath: 3,
  recentDiff: 5,
  recentLog: 1.5,
  testPair: 0.7,
  testPairMax: 7,
  importedBy: 0.35,
  importedByMax: 3,
  typesBonus: 3,
  imports: 0.2,
  importsMax: 2,
  config: 1.5,
} as const;

const SEEDS = 20;
/** Files ranked (and explained); no budget holds more. */
const MAX_RANKED = 2_000;
/** Files (best by direct signals) whose imports are checked for importing a seed. */
const IMPORTER_POOL = 300;
const MAX_IDENTIFIERS = 16;
/** Seeds whose importing tests are searched for when no test is named after them. */
const TEST_IMPORT_SEEDS = 3;
const MAX_DEFINERS = 12;
const MAX_USERS = 40;
/** Query weight left to a word part of an identifier that was found as written. */
const FOUND_PART_WEIGHT = 0.3;
const MAX_DIRECTORY_FILES = 30;
/** Identifiers with no scanned word part are looked up by scanning every file, at most this often. */
const MAX_FULL_SCANS = 3;
export interface RankedFile {
  index: number;
  path: string;
  score: number;
  reasons: Reason[];
  /** Regions to show first when the file must be cut: definitions, frame lines. */
  anchors: LineRange[];
  /** Index of the file this one copies (find-copies.ts); it ranks below it. */
  copyOf?: number;
}

export interface Ranking {
  files: RankedFile[];
  /** Terms whose occurrences were counted, for excerpting around matching lines. */
  scannedTerms: string[];
  /** The language family the task is about (code-family.ts), when the evidence says so. */
  focus: CodeFamily | null;
}

const TYPE_FILE = /(?:\.d\.ts$|\.pyi$|(?:^|\/)(?:types?|typings|interfaces?|models?|schemas?)(?:\.[^/]+$|\/))/;
const MANIFESTS: readonly [RegExp, readonly string[]][] = [
  [/^(?:typescript|javascript)$/, ['package.json', 'tsconfig.json', 'jsconfig.json']],
  [/^python$/, ['pyproject.toml', 'setup.cfg', 'setup.py', 'pytest.ini', 'tox.ini']],
  [/^go$/, ['go.mod']],
  [/^rust$/, ['Cargo.toml']],
  [/^(?:java|kotlin)$/, ['pom.xml', 'build.gradle', 'build.gradle.kts']],
  [/^ruby$/, ['Gemfile', '.rspec']],
];

/** Scores every indexed file for the analysed task; best first, ties by path. */
export function rankFiles(index: RepoIndex, analysis: TaskAnalysis, recent: readonly RecentChange[]): Ranking {
  const cache = indexCache(index);
  const files = index.files;
  const board = new Scoreboard(files.length);

  const scan = scanTerms(files, analysis.terms);
  scoreMentionedPaths(cache, analysis, board);
  const found = scoreDefinitions(cache, analysis, scan, board);
  // Once an identifier is found as written, its word parts are weak evidence: `ledger`
  // from `closeLedger` should not pull in every file about ledgers.
  const partOfFound = new Set([...found].flatMap((identifier) => splitWords(identifier)));
  const terms = analysis.terms.map((t) =>
    partOfFound.has(t.term) ? { term: t.term, weight: t.weight * FOUND_PART_WEIGHT } : t,
  );
  const lexical = lexicalScores(files, cache.paths, terms, scan);
  // Scale against the unweakened query, so that weakening a term lowers scores instead
  // of being normalised away.
  const reference = found.size > 0 ? lexicalScores(files, cache.paths, analysis.terms, scan) : lexical;
  const maxContent = max(reference.content);
  const maxPath = max(reference.path);
  // Lexical points go straight into the scores; their reasons are written only for the
  // files that end up ranked (most files of a large repository match some term).
  const contentPoints = (i: number): number =>
    maxContent > 0 ? (WEIGHTS.lexicalContent * lexical.content[i]!) / maxContent : 0;
  const pathPoints = (i: number): number => (maxPath > 0 ? (WEIGHTS.lexicalPath * lexical.path[i]!) / maxPath : 0);
  for (let i = 0; i < files.length; i += 1) board.scores[i]! += contentPoints(i) + pathPoints(i);
  for (const change of recent) {
    const i = cache.byPath.get(change.path);
    if (i === undefined) continue;
    if (change.source === 'diff') board.add(i, 'recently-changed', 'changed in this pull request', WEIGHTS.recentDiff);
    else board.add(i, 'recently-changed', 'changed in recent commits', WEIGHTS.recentLog);
  }

  const focus = focusLanguage(cache, board);

  const direct = Float64Array.from(board.scores);
  const order = sortedIndexes(
    direct,
    files.map((f) => f.path),
  );
  const seeds = order.slice(0, SEEDS).filter((i) => direct[i]! > 0);
  scoreRelations(
    cache,
    seeds,
    direct,
    order.slice(0, IMPORTER_POOL).filter((i) => direct[i]! > 0),
    cache.resolveImport,
    cache.testPairs,
    board,
  );
  scoreConfig(cache, seeds.slice(0, 5), board);
  const copies = demoteCopies(cache, board);

  const rounded = board.scores.map(round);
  const best = sortedIndexes(
    rounded,
    files.map((f) => f.path),
  )
    .filter((i) => rounded[i]! > 0)
    .slice(0, MAX_RANKED);
  const ranked = best.map((i): RankedFile => {
    const reasons = board.reasonsOf(i);
    const content = round(contentPoints(i));
    if (content > 0) {
      const matched = lexical.scannedTerms.filter((t) => lexical.occurrences.get(t)!.has(i)).slice(0, 6);
      reasons.push({ signal: 'lexical', detail: `matches ${matched.join(', ')}`, score: content });
    }
    const path = round(pathPoints(i));
    if (path > 0) reasons.push({ signal: 'path-match', detail: 'path matches task terms', score: path });
    reasons.sort(strongestFirst);
    const ranked: RankedFile = {
      index: i,
      path: files[i]!.path,
      score: rounded[i]!,
      reasons,
      anchors: board.anchorsOf(i),
    };
    const original = copies.get(i);
    if (original !== undefined) ranked.copyOf = original;
    return ranked;
  });
  return { files: ranked, scannedTerms: lexical.scannedTerms, focus };
}

function scoreMentionedPaths(cache: IndexCache, analysis: TaskAnalysis, board: Scoreboard): void {
  const files = cache.index.files;
  const byName = cache.byBaseName;
  const resolve = (written: string): number[] => {
    const clean = written.replace(/^\/+/, '');
    const exact = cache.byPath.get(clean);
    if (exact !== undefined) return [exact];
    return (byName.get(baseName(clean)) ?? []).filter((i) => {
      const path = files[i]!.path;
      return path.endsWith(`/${clean}`) || clean.endsWith(`/${path}`) || !clean.includes('/');
    });
  };
  for (const written of analysis.paths) {
    if (written.endsWith('/')) {
      const prefix = written.replace(/^\/+/, '');
      const inside = files.flatMap((f, i) => (f.path.startsWith(prefix) ? [i] : []));
      if (inside.length > 0 && inside.length <= MAX_DIRECTORY_FILES) {
        for (const i of inside)
          board.add(i, 'mentioned-path', `in directory ${prefix} named in the task`, WEIGHTS.mentionedDirectory);
      }
      continue;
    }
    const hits = resolve(written);
    for (const i of hits)
      board.add(i, 'mentioned-path', `named in the task as ${written}`, WEIGHTS.mentionedPath / hits.length);
    if (hits.length === 0 && !/\.[A-Za-z0-9]+$/.test(written)) {
      // `core/testing` names a directory as often as a file.
      const prefix = written.replace(/^\/+/, '');
      const inside = files.flatMap((f, i) =>
        f.path.startsWith(`${prefix}/`) || f.path.includes(`/${prefix}/`) ? [i] : [],
      );
      if (inside.length <= MAX_DIRECTORY_FILES) {
        for (const i of inside)
          board.add(i, 'mentioned-path', `in directory ${prefix} named in the task`, WEIGHTS.mentionedDirectory);
      }
    }
  }
  // Dotted module names (`pkg.core.risk`) name Python files too.
  for (const dotted of analysis.dottedNames) {
    const asPath = dotted.replace(/\./g, '/');
    for (const candidate of [`${asPath}.py`, `${asPath}/__init__.py`]) {
      const hits = resolve(candidate).filter((i) => files[i]!.path.endsWith(candidate));
      for (const i of hits)
        board.add(i, 'mentioned-path', `module ${dotted} named in the task`, WEIGHTS.mentionedPath / hits.length);
    }
  }
  for (const frame of analysis.frames) {
    const hits = resolve(frame.path);
    if (hits.length === 0 || hits.length > 3) continue;
    for (const i of hits) {
      const where = frame.line === undefined ? frame.path : `${frame.path}:${frame.line}`;
      board.add(i, 'stack-frame', `in a stack trace at ${where}`, WEIGHTS.stackFrame / hits.length);
      if (frame.line !== undefined) board.anchor(i, { start: Math.max(1, frame.line - 8), end: frame.line + 8 });
    }
  }
}

/** Scores definitions and uses of the task's identifiers; returns the identifiers found. */
function scoreDefinitions(
  cache: IndexCache,
  analysis: TaskAnalysis,
  lexical: TermScan,
  board: Scoreboard,
): Set<string> {
  const files = cache.index.files;
  const found = new Set<string>();
  let fullScans = 0;
  const containers = new Map<string, string>();
  for (const dotted of analysis.dottedNames) {
    const parts = dotted.split('.');
    for (let k = 1; k < parts.length; k += 1) containers.set(parts[k]!, parts[k - 1]!);
  }
  for (const identifier of analysis.identifiers.slice(0, MAX_IDENTIFIERS)) {
    const pattern = definitionPattern(identifier);
    const definers: { i: number; start: number; end: number; exported: boolean; member: boolean }[] = [];
    // Files that contain the identifier contain each of its word parts, so the rarest
    // part the lexical scan counted bounds the search; otherwise scan (a few times).
    let candidates: Map<number, number> | null = null;
    for (const part of splitWords(identifier)) {
      const hits = lexical.occurrences.get(part);
      if (hits && (candidates === null || hits.size < candidates.size)) candidates = hits;
    }
    let pool: number[];
    if (candidates !== null) pool = [...candidates.keys()].sort((a, b) => a - b);
    else if (fullScans < MAX_FULL_SCANS) {
      fullScans += 1;
      pool = [...files.keys()];
    } else continue;
    const users: number[] = [];
    for (const i of pool) {
      if (definers.length >= MAX_DEFINERS * 4) break;
      const content = files[i]!.content;
      if (!content.includes(identifier)) continue;
      users.push(i);
      if (!pattern.test(content)) continue;
      const definitions = cache.parsed(i).definitions.filter((d) => d.name === identifier);
      const wanted = containers.get(identifier);
      const chosen = wanted
        ? definitions.filter((d) => d.container === wanted || (d.name === identifier && !d.container))
        : definitions;
      for (const d of chosen.slice(0, 2)) {
        definers.push({
          i,
          start: d.startLine,
          end: d.endLine,
          exported: d.exported,
          member: d.container !== undefined,
        });
      }
    }
    const distinct = [...new Set(definers.map((d) => d.i))];
    if (users.length > 0) found.add(identifier);
    const definerSet = new Set(distinct);
    const onlyUsers = users.filter((i) => !definerSet.has(i));
    if (onlyUsers.length > 0 && onlyUsers.length <= MAX_USERS) {
      for (const i of onlyUsers)
        board.add(i, 'uses-symbol', `uses ${identifier}`, WEIGHTS.usesSymbol / Math.sqrt(onlyUsers.length));
    }
    if (distinct.length === 0 || distinct.length > MAX_DEFINERS) continue;
    const plainWord = !/[a-z0-9][A-Z]|_/.test(identifier);
    const share = (plainWord ? 0.5 : 1) / Math.sqrt(distinct.length);
    const seen = new Set<number>();
    for (const d of definers) {
      board.anchor(d.i, { start: d.start, end: d.end });
      if (seen.has(d.i)) continue;
      seen.add(d.i);
      const points = (d.exported && !d.member ? WEIGHTS.definesExported : WEIGHTS.definesMember) * share;
      board.add(d.i, 'defines-symbol', `defines ${identifier} (line ${d.start})`, points);
    }
  }
  return found;
}

/**
 * A cheap pre-filter for "this file may define `name`", so that only those files are
 * parsed: declaration keywords before the name, or an assignment/method shape after it.
 */
function definitionPattern(name: string): RegExp {
  const n = name.replace(/[$]/g, '\\$');
  return new RegExp(
    `(?:\\b(?:function\\*?|class|interface|type|enum|def|func|fn|struct|trait|module|const|let|var|val|mod|object|record|impl|namespace|macro_rules!)\\s+(?:\\([^)]*\\)\\s*)?(?:self\\.)?${n}\\b` +
      `|(?:^|[\\s(,{])${n}\\s*(?::[^=\\n;]*)?=(?!=)|^[ \\t]*(?:(?:public|private|protected|static|async|get|set|override|readonly)\\s+)*${n}\\s*(?:<[^>\\n]*>)?\\([^)\\n]*\\)?[^;\\n]*[{:]?\\s*$)`,
    'm',
  );
}

function scoreRelations(
  cache: IndexCache,
  seeds: readonly number[],
  direct: Float64Array,
  importerPool: readonly number[],
  resolver: ImportResolver,
  pairs: TestPairs,
  board: Scoreboard,
): void {
  const files = cache.index.files;
  const seedSet = new Set(seeds);
  const importsOf = new Map<number, number[]>();
  const resolvedImports = (i: number): number[] => {
    let result = importsOf.get(i);
    if (result === undefined) {
      result = [...new Set(cache.imports(i).flatMap((s) => resolver(i, s)))].filter((j) => j !== i);
      importsOf.set(i, result);
    }
    return result;
  };
  const contributions = new Map<string, number>();
  const contribute = (i: number, signal: ReasonSignal, detail: string, points: number, cap: number): void => {
    const key = `${i}\u0000${signal}`;
    const sofar = contributions.get(key) ?? 0;
    const allowed = Math.min(points, cap - sofar);
    if (allowed <= 0) return;
    contributions.set(key, sofar + allowed);
    board.add(i, signal, detail, allowed);
  };
  for (const seed of seeds) {
    const seedScore = direct[seed]!;
    const seedPath = files[seed]!.path;
    const tests = pairs.testsOf(seed);
    for (const test of tests)
      contribute(test, 'test-of', `tests ${seedPath}`, WEIGHTS.testPair * seedScore, WEIGHTS.testPairMax);
    for (const source of pairs.sourcesOf(seed)) {
      contribute(source, 'source-of', `tested by ${seedPath}`, WEIGHTS.testPair * seedScore, WEIGHTS.testPairMax);
    }
    for (const target of resolvedImports(seed)) {
      if (TYPE_FILE.test(files[target]!.path)) {
        contribute(
          target,
          'types',
          `types used by ${seedPath}`,
          WEIGHTS.importedBy * seedScore + WEIGHTS.typesBonus,
          WEIGHTS.importedByMax + WEIGHTS.typesBonus,
        );
      } else {
        contribute(
          target,
          'imported-by',
          `imported by ${seedPath}`,
          WEIGHTS.importedBy * seedScore,
          WEIGHTS.importedByMax,
        );
      }
    }
  }
  // Importers of seeds: only among files that already matter somewhat, their paired
  // tests, and the seeds' directories, so that this stays cheap on huge repositories.
  const seedDirectories = new Set(seeds.map((s) => dirName(files[s]!.path)));
  const pool = new Set(importerPool);
  for (const seed of seeds) for (const test of pairs.testsOf(seed)) pool.add(test);
  files.forEach((file, i) => {
    if (seedDirectories.has(dirName(file.path))) pool.add(i);
  });
  // A test that imports a top source tests it, whatever its name: look for those among
  // the tests that mention the source's file name, for the best sources without a
  // same-named test.
  const stems = seeds
    .slice(0, TEST_IMPORT_SEEDS)
    .filter((seed) => !files[seed]!.isTest && pairs.testsOf(seed).length === 0)
    .map((seed) => files[seed]!.path.replace(/^.*\//, '').replace(/\.[^.]+$/, ''))
    .filter((stem) => stem.length >= 3 && stem !== 'index');
  for (const i of stems.length > 0 ? cache.testFiles : []) {
    const content = files[i]!.content;
    if (stems.some((stem) => content.includes(stem))) pool.add(i);
  }
  for (const candidate of [...pool].sort((a, b) => a - b)) {
    for (const target of resolvedImports(candidate)) {
      if (!seedSet.has(target) || target === candidate) continue;
      if (files[candidate]!.isTest && !files[target]!.isTest) {
        contribute(
          candidate,
          'test-of',
          `tests ${files[target]!.path} (imports it)`,
          WEIGHTS.testImports * direct[target]!,
          WEIGHTS.testImportsMax,
        );
      } else {
        contribute(
          candidate,
          'imports',
          `imports ${files[target]!.path}`,
          WEIGHTS.imports * direct[target]!,
          WEIGHTS.importsMax,
        );
      }
    }
  }
}

function scoreConfig(cache: IndexCache, seeds: readonly number[], board: Scoreboard): void {
  const files = cache.index.files;
  const added = new Set<number>();
  for (const seed of seeds) {
    const file = files[seed]!;
    const names = MANIFESTS.find(([pattern]) => pattern.test(file.language))?.[1] ?? [];
    for (const name of names) {
      for (let dir = dirName(file.path); ; dir = dirName(dir)) {
        const i = cache.byPath.get(dir === '' ? name : `${dir}/${name}`);
        if (i !== undefined) {
          if (!added.has(i)) board.add(i, 'config', `configures ${file.path}`, WEIGHTS.config);
          added.add(i);
          break;
        }
        if (dir === '') break;
      }
    }
  }
}

function max(values: Float64Array): number {
  let best = 0;
  for (const v of values) if (v > best) best = v;
  return best;
}
