/**
 * Pairs tests with the sources they test, by naming conventions: `foo.ts` ↔
 * `foo.test.ts` / `foo.spec.ts` / `__tests__/foo.ts` / `test/…/foo.test.ts`,
 * `foo.py` ↔ `tests/test_foo.py` / `foo_test.py`, `foo.go` ↔ `foo_test.go` (and a Go
 * test with no same-named source tests its package), `Foo.java` ↔ `FooTest.java`,
 * `foo.rb` ↔ `spec/…/foo_spec.rb`, `foo.sh` ↔ `foo.bats`. An `index` file also goes by
 * its directory's name. When several files share a name, the ones whose directories
 * overlap most with the other side's win.
 */
import { baseName, dirName } from './path-parts.ts';
import type { IndexedFile, Language } from './types.ts';

export interface TestPairs {
  testsOf(source: number): number[];
  sourcesOf(test: number): number[];
}

const GENERIC_DIRECTORIES = new Set([
  'src',
  'lib',
  'test',
  'tests',
  '__tests__',
  'spec',
  'specs',
  'app',
  'pkg',
  'internal',
  'main',
  'java',
  'kotlin',
  'unit',
  'integration',
  'e2e',
  'testing',
]);
const MAX_PAIRS = 3;

/** The name a test file is about: `foo.test.ts` → `foo`, `test_foo.py` → `foo`, `FooTest.java` → `foo`. */
export function testSubject(path: string): string {
  const name = baseName(path)
    .replace(/\.(?:test|spec)(?=\.[^.]+$)/, '')
    .replace(/\.[^.]+$/, '')
    .replace(/^test_/, '')
    .replace(/_(?:test|spec)$/, '')
    .replace(/(?<=[a-z0-9])(?:Tests?|IT|Spec)$/, '');
  return normalizeStem(name);
}

function sourceStems(path: string): string[] {
  const stem = normalizeStem(
    baseName(path)
      .replace(/\.d\.ts$/, '')
      .replace(/\.[^.]+$/, ''),
  );
  if (stem === 'index' || stem === 'init' || stem === 'mod' || stem === 'lib')
    return [stem, normalizeStem(baseName(dirName(path)))];
  return [stem];
}

function normalizeStem(stem: string): string {
  return stem.toLowerCase().replace(/[-_]/g, '');
}

function family(language: Language): string {
  return language === 'typescript' || language === 'javascript' ? 'js' : language === 'kotlin' ? 'java' : language;
}

export function createTestPairs(files: readonly IndexedFile[]): TestPairs {
  const testsByStem = new Map<string, number[]>();
  const sourcesByStem = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  files.forEach((file, index) => {
    if (!isCode(file.language)) return;
    // A package marker in a test folder (`tests/crud/__init__.py`) tests nothing by its name.
    if (file.isTest && baseName(file.path) === '__init__.py') return;
    if (file.isTest) push(testsByStem, `${family(file.language)}:${testSubject(file.path)}`, index);
    else for (const stem of sourceStems(file.path)) push(sourcesByStem, `${family(file.language)}:${stem}`, index);
  });
  const best = (from: number, candidates: readonly number[]): number[] => {
    const scored = candidates
      .filter((c) => c !== from)
      .map((c) => ({ c, affinity: affinity(files[from]!.path, files[c]!.path) }));
    if (scored.length === 0) return [];
    const top = Math.max(...scored.map((s) => s.affinity));
    return scored
      .filter((s) => s.affinity === top)
      .map((s) => s.c)
      .slice(0, MAX_PAIRS);
  };
  return {
    testsOf(source) {
      const file = files[source]!;
      if (file.isTest || !isCode(file.language)) return [];
      const candidates = sourceStems(file.path).flatMap(
        (stem) => testsByStem.get(`${family(file.language)}:${stem}`) ?? [],
      );
      const paired = best(source, [...new Set(candidates)]);
      if (paired.length > 0 || file.language !== 'go') return paired;
      const dir = dirName(file.path);
      return files
        .flatMap((f, i) => (f.isTest && f.language === 'go' && dirName(f.path) === dir ? [i] : []))
        .slice(0, MAX_PAIRS);
    },
    sourcesOf(test) {
      const file = files[test]!;
      if (!file.isTest || !isCode(file.language)) return [];
      const paired = best(test, sourcesByStem.get(`${family(file.language)}:${testSubject(file.path)}`) ?? []);
      if (paired.length > 0 || file.language !== 'go') return paired;
      const dir = dirName(file.path);
      return files
        .flatMap((f, i) => (!f.isTest && f.language === 'go' && dirName(f.path) === dir ? [i] : []))
        .slice(0, MAX_PAIRS);
    },
  };
}

/** Shared non-generic directory names, then closeness of the whole paths. */
function affinity(a: string, b: string): number {
  const aDirs = dirName(a)
    .split('/')
    .filter((d) => d !== '' && !GENERIC_DIRECTORIES.has(d));
  const bDirs = new Set(
    dirName(b)
      .split('/')
      .filter((d) => d !== '' && !GENERIC_DIRECTORIES.has(d)),
  );
  const shared = aDirs.filter((d) => bDirs.has(d)).length;
  const sameDirectory = dirName(a) === dirName(b) ? 1 : 0;
  return shared * 10 + sameDirectory * 5 - Math.abs(aDirs.length - bDirs.size);
}

function isCode(language: Language): boolean {
  return !['markdown', 'json', 'yaml', 'toml', 'text', 'html', 'css', 'sql'].includes(language);
}
