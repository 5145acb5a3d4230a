/**
 * Resolves import specifiers to indexed files, per language:
 * - TS/JS: relative specifiers with extension and `index` resolution, `.js` written
 *   for a `.ts` source (TS ESM), and the common `@/` / `~/` aliases for `src/`.
 * - Python: relative (`.mod`, `..pkg.mod`) and absolute module names below the package
 *   roots of the checkout, in any subdirectory (python-modules.ts).
 * - Go: import paths under the module path from `go.mod` (every non-test `.go` file of
 *   the package directory), else by directory suffix.
 * - Java/Kotlin: fully qualified class names by path suffix.
 * - Ruby `require`/`require_relative`, Rust `mod x;` / `use crate::…`, C `#include "…"`,
 *   shell `source`: relative to the importer, then by path suffix.
 * Unresolvable specifiers (packages from a registry) resolve to nothing.
 */
import { baseName, dirName, joinPath } from './path-parts.ts';
import { createPythonImportResolver, type PythonImportResolver } from './python-modules.ts';
import type { IndexedFile } from './types.ts';

export type ImportResolver = (importer: number, specifier: string) => number[];

const TS_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: readonly [RegExp, string[]][] = [
  [/\.js$/, ['.ts', '.tsx']],
  [/\.jsx$/, ['.tsx']],
  [/\.mjs$/, ['.mts']],
  [/\.cjs$/, ['.cts']],
];

export function createImportResolver(files: readonly IndexedFile[]): ImportResolver {
  const byPath = new Map(files.map((file, i) => [file.path, i]));
  const lookup = (path: string): number | undefined => byPath.get(path);
  let python: PythonImportResolver | undefined;
  let goModules: { root: string; module: string }[] | undefined;
  let goPackages: Map<string, number[]> | undefined;
  let byBaseName: Map<string, number[]> | undefined;

  const suffixMatches = (suffix: string): number[] => {
    byBaseName ??= groupBy(files, (file) => baseName(file.path));
    return (byBaseName.get(baseName(suffix)) ?? []).filter(
      (i) => files[i]!.path === suffix || files[i]!.path.endsWith(`/${suffix}`),
    );
  };

  return (importer, specifier) => {
    const file = files[importer]!;
    const dir = dirName(file.path);
    switch (file.language) {
      case 'typescript':
      case 'javascript': {
        let base: string | null = null;
        if (specifier.startsWith('.')) base = joinPath(dir, specifier);
        else if (/^[@~]\//.test(specifier)) base = `src/${specifier.slice(2)}`;
        else if (/^(?:src|lib|app)\//.test(specifier)) base = specifier;
        if (base === null) return [];
        return firstFound(lookup, tsCandidates(base));
      }
      case 'python':
        python ??= createPythonImportResolver(files, lookup);
        return python(importer, specifier);
      case 'go': {
        goModules ??= files
          .filter((f) => baseName(f.path) === 'go.mod')
          .map((f) => ({
            root: dirName(f.path),
            module: /^module\s+(\S+)/m.exec(f.content)?.[1] ?? '\u0000',
          }));
        goPackages ??= groupBy(files, (f) =>
          f.language === 'go' && !f.path.endsWith('_test.go') ? dirName(f.path) : null,
        );
        for (const { root, module } of goModules) {
          if (specifier === module || specifier.startsWith(`${module}/`)) {
            const packageDir = joinPath(root, specifier.slice(module.length + 1));
            return goPackages.get(packageDir) ?? [];
          }
        }
        for (const [packageDir, members] of goPackages) {
          if (packageDir !== '' && (specifier === packageDir || specifier.endsWith(`/${packageDir}`))) return members;
        }
        return [];
      }
      case 'java':
      case 'kotlin': {
        const asPath = specifier.replace(/\./g, '/');
        return [...suffixMatches(`${asPath}.java`), ...suffixMatches(`${asPath}.kt`)];
      }
      case 'ruby': {
        if (specifier.startsWith('.'))
          return firstFound(lookup, [`${joinPath(dir, specifier)}.rb`, joinPath(dir, specifier)]);
        return suffixMatches(`${specifier}.rb`).slice(0, 1);
      }
      case 'rust': {
        if (specifier.startsWith('mod:')) {
          const name = specifier.slice(4);
          const own = /(?:^|\/)(?:mod|lib|main)\.rs$/.test(file.path)
            ? dir
            : joinPath(dir, baseName(file.path).replace(/\.rs$/, ''));
          return firstFound(lookup, [joinPath(own, `${name}.rs`), joinPath(own, `${name}/mod.rs`)]);
        }
        const crateRoot = file.path.includes('src/') ? file.path.slice(0, file.path.lastIndexOf('src/') + 3) : dir;
        const parts = specifier.split('::').slice(1);
        const start = specifier.startsWith('crate') ? crateRoot : specifier.startsWith('super') ? dirName(dir) : dir;
        for (let length = parts.length; length > 0; length -= 1) {
          const base = joinPath(start, parts.slice(0, length).join('/'));
          const hit = firstFound(lookup, [`${base}.rs`, `${base}/mod.rs`]);
          if (hit.length > 0) return hit;
        }
        return [];
      }
      case 'c':
      case 'cpp':
      case 'shell': {
        const cleaned = specifier.replace(/^\$\{?\w+\}?\//, '').replace(/^\$\([^)]*\)\//, '');
        const direct = firstFound(lookup, [joinPath(dir, cleaned), cleaned]);
        return direct.length > 0 ? direct : suffixMatches(cleaned).slice(0, 1);
      }
      default:
        return [];
    }
  };
}

function tsCandidates(base: string): string[] {
  const candidates = [base];
  for (const [pattern, replacements] of JS_TO_TS) {
    if (pattern.test(base)) for (const ext of replacements) candidates.push(base.replace(pattern, ext));
  }
  for (const ext of TS_EXTENSIONS) candidates.push(`${base}${ext}`);
  for (const ext of TS_EXTENSIONS) candidates.push(`${base}/index${ext}`);
  return candidates;
}

function firstFound(lookup: (path: string) => number | undefined, candidates: readonly string[]): number[] {
  for (const candidate of candidates) {
    const hit = lookup(candidate);
    if (hit !== undefined) return [hit];
  }
  return [];
}

/** Indexes of `files` grouped by `key` (files whose key is null are left out). */
function groupBy(files: readonly IndexedFile[], key: (file: IndexedFile) => string | null): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  files.forEach((file, index) => {
    const k = key(file);
    if (k === null) return;
    const list = groups.get(k);
    if (list) list.push(index);
    else groups.set(k, [index]);
  });
  return groups;
}
