/**
 * Query-independent facts about a `RepoIndex`, computed on first use and kept for the
 * index's lifetime (a WeakMap: the loop assembles context several times per run from
 * one index, and nothing leaks once the index is dropped).
 */
import { extractImports } from './extract-imports.ts';
import { distinctLines, findCopyOf, type CopyOf } from './find-copies.ts';
import { createImportResolver, type ImportResolver } from './import-resolver.ts';
import { pathVocabulary, type PathVocabulary } from './lexical-scores.ts';
import type { ParsedSource } from './parsed-source.ts';
import { parseSource } from './parse-source.ts';
import { baseName } from './path-parts.ts';
import { createTestPairs, type TestPairs } from './test-pairs.ts';
import type { IndexedFile, RepoIndex } from './types.ts';

export interface IndexCache {
  readonly index: RepoIndex;
  readonly byPath: ReadonlyMap<string, number>;
  readonly paths: PathVocabulary;
  /** File indexes by base name (`tier.ts` → [3, 17]). */
  readonly byBaseName: ReadonlyMap<string, readonly number[]>;
  readonly resolveImport: ImportResolver;
  readonly testPairs: TestPairs;
  /** Indexes of the test files. */
  readonly testFiles: readonly number[];
  /** Parses (once) and returns the symbols of file `i`. */
  parsed(i: number): ParsedSource;
  /** Import specifiers of file `i` (extracted once; Python names what `from … import` imports). */
  imports(i: number): readonly string[];
  /** Lines of file `i` (split once). */
  lines(i: number): readonly string[];
  /** The original that file `i` is a copy of, or null (computed once per file, on demand). */
  copyOf(i: number): CopyOf | null;
}

const caches = new WeakMap<RepoIndex, IndexCache>();

export function indexCache(index: RepoIndex): IndexCache {
  let cache = caches.get(index);
  if (cache === undefined) {
    cache = createCache(index);
    caches.set(index, cache);
  }
  return cache;
}

function createCache(index: RepoIndex): IndexCache {
  const files: readonly IndexedFile[] = index.files;
  const byPath = new Map(files.map((file, i) => [file.path, i]));
  let paths: PathVocabulary | undefined;
  let byBaseName: Map<string, number[]> | undefined;
  let resolver: ImportResolver | undefined;
  let pairs: TestPairs | undefined;
  let tests: number[] | undefined;
  const parsed = new Map<number, ParsedSource>();
  const lines = new Map<number, readonly string[]>();
  const imports = new Map<number, readonly string[]>();
  const copies = new Map<number, CopyOf | null>();
  const lineSets = new Map<number, Set<number>>();
  const lineSet = (i: number): Set<number> => {
    let result = lineSets.get(i);
    if (result === undefined) {
      result = distinctLines(files[i]!.content);
      lineSets.set(i, result);
    }
    return result;
  };
  const cache: IndexCache = {
    index,
    byPath,
    get paths() {
      paths ??= pathVocabulary(files);
      return paths;
    },
    get byBaseName() {
      if (byBaseName === undefined) {
        byBaseName = new Map();
        for (let i = 0; i < files.length; i += 1) {
          const name = baseName(files[i]!.path);
          const list = byBaseName.get(name);
          if (list) list.push(i);
          else byBaseName.set(name, [i]);
        }
      }
      return byBaseName;
    },
    get resolveImport() {
      resolver ??= createImportResolver(files);
      return resolver;
    },
    get testFiles() {
      tests ??= files.flatMap((file, i) => (file.isTest ? [i] : []));
      return tests;
    },
    get testPairs() {
      pairs ??= createTestPairs(files);
      return pairs;
    },
    parsed(i) {
      let result = parsed.get(i);
      if (result === undefined) {
        result = parseSource(files[i]!);
        parsed.set(i, result);
      }
      return result;
    },
    imports(i) {
      let result = imports.get(i);
      if (result === undefined) {
        result = extractImports(files[i]!.language, files[i]!.content, { importedNames: true });
        imports.set(i, result);
      }
      return result;
    },
    lines(i) {
      let result = lines.get(i);
      if (result === undefined) {
        result = files[i]!.content.split('\n');
        lines.set(i, result);
      }
      return result;
    },
    copyOf(i) {
      let result = copies.get(i);
      if (result === undefined) {
        result = findCopyOf(files, i, cache.byBaseName.get(baseName(files[i]!.path)) ?? [], lineSet);
        copies.set(i, result);
      }
      return result;
    },
  };
  return cache;
}
