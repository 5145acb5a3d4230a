/**
 * Python imports resolved as the interpreter would find them in a checkout, without
 * running it: module names are paths below a **package root** — a directory that
 * would be on `sys.path` when the project runs or is tested.
 *
 * Roots: the repository root; every directory holding a `pyproject.toml`, `setup.py`
 * or `setup.cfg`, and its `src/` (a project in `backend/` with `backend/src/app/`);
 * the parent of every top-level package (a directory with `__init__.py` whose parent
 * has none: `backend/app/__init__.py` makes `backend/` a root, so `from app import crud`
 * is `backend/app/crud.py`); and the top-level `src/`, `lib/` and `python/`. The
 * importer's own directory comes first, as it does for scripts and for pytest's
 * default import mode. When several files carry a module's name (two services
 * both with an `app` package), the one nearest the importer wins.
 *
 * Relative imports climb from the importer's package: `from . import x` is `x.py`
 * (or `x/__init__.py`) beside it, else the name `x` defined in the package's
 * `__init__.py`; `from ..models import User` is `../models.py`.
 */
import { baseName, dirName, joinPath } from './path-parts.ts';
import type { IndexedFile } from './types.ts';

const PROJECT_FILES = new Set(['pyproject.toml', 'setup.py', 'setup.cfg']);
const LEGACY_ROOTS = ['src', 'lib', 'python'];
const IDENTIFIER = /^[A-Za-z_]\w*$/;

export type PythonImportResolver = (importer: number, specifier: string) => number[];

/**
 * @example
 * // backend/app/__init__.py, backend/app/crud.py, backend/tests/test_crud.py
 * resolve(testCrud, 'app.crud') // [index of backend/app/crud.py]
 */
export function createPythonImportResolver(
  files: readonly IndexedFile[],
  lookup: (path: string) => number | undefined,
): PythonImportResolver {
  let modules: Map<string, number[]> | undefined;
  return (importer, specifier) => {
    const path = files[importer]!.path;
    const dir = dirName(path);
    const relative = /^(\.+)(.*)$/.exec(specifier);
    if (relative) {
      let packageDir = dir;
      for (let up = 1; up < relative[1]!.length; up += 1) packageDir = dirName(packageDir);
      const parts = relative[2] === '' ? [] : relative[2]!.split('.');
      // `from .models import User` arrives as `.models.User`: the longest module wins.
      for (let length = parts.length; length >= 0; length -= 1) {
        const base = joinPath(packageDir, parts.slice(0, length).join('/'));
        const hit = firstFound(lookup, length === 0 ? [`${base}/__init__.py`] : moduleFiles(base));
        if (hit !== undefined) return [hit];
      }
      return [];
    }
    modules ??= moduleNames(files);
    const parts = specifier.split('.');
    for (let length = parts.length; length > 0; length -= 1) {
      const name = parts.slice(0, length);
      const beside = firstFound(lookup, moduleFiles(joinPath(dir, name.join('/'))));
      if (beside !== undefined && beside !== importer) return [beside];
      const hits = modules.get(name.join('.'));
      if (hits !== undefined) return [nearest(files, hits, path)];
    }
    return [];
  };
}

function moduleFiles(base: string): string[] {
  return [`${base}.py`, `${base}/__init__.py`, `${base}.pyi`];
}

/** Every importable name of every Python file, under every root above it. */
function moduleNames(files: readonly IndexedFile[]): Map<string, number[]> {
  const roots = packageRoots(files);
  const names = new Map<string, number[]>();
  files.forEach((file, index) => {
    if (file.language !== 'python' || !/\.pyi?$/.test(file.path)) return;
    const segments = file.path
      .replace(/\.pyi?$/, '')
      .replace(/(?:^|\/)__init__$/, '')
      .split('/')
      .filter((s) => s !== '');
    // A root at depth d names the file by the segments below it, if all are identifiers.
    for (let depth = segments.length - 1; depth >= 0; depth -= 1) {
      const below = segments.slice(depth);
      if (!below.every((s) => IDENTIFIER.test(s))) break;
      const rootDir = segments.slice(0, depth).join('/');
      if (!roots.has(rootDir)) continue;
      const name = below.join('.');
      const list = names.get(name);
      if (list === undefined) names.set(name, [index]);
      else if (!list.includes(index)) list.push(index);
    }
  });
  return names;
}

function packageRoots(files: readonly IndexedFile[]): Set<string> {
  const paths = new Set(files.map((f) => f.path));
  const roots = new Set<string>(['', ...LEGACY_ROOTS]);
  for (const file of files) {
    const name = baseName(file.path);
    const dir = dirName(file.path);
    if (PROJECT_FILES.has(name)) {
      roots.add(dir);
      roots.add(joinPath(dir, 'src'));
    } else if (name === '__init__.py') {
      const parent = dirName(dir);
      if (!paths.has(joinPath(parent, '__init__.py'))) roots.add(parent);
    }
  }
  return roots;
}

/** The candidate sharing the most leading directories with `importer`, then the shortest path. */
function nearest(files: readonly IndexedFile[], candidates: readonly number[], importer: string): number {
  const own = importer.split('/');
  const shared = (path: string): number => {
    const parts = path.split('/');
    let n = 0;
    while (n < parts.length - 1 && n < own.length - 1 && parts[n] === own[n]) n += 1;
    return n;
  };
  let best = candidates[0]!;
  for (const candidate of candidates.slice(1)) {
    const a = files[candidate]!.path;
    const b = files[best]!.path;
    if (shared(a) > shared(b) || (shared(a) === shared(b) && a.length < b.length)) best = candidate;
  }
  return best;
}

function firstFound(lookup: (path: string) => number | undefined, candidates: readonly string[]): number | undefined {
  for (const candidate of candidates) {
    const hit = lookup(candidate);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
