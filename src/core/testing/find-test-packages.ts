/**
 * The packages of a repository that can have tests of their own: the root, the members
 * of npm, yarn and pnpm workspaces, Python projects in subdirectories (a `backend/`
 * with its pyproject.toml), Go modules and Cargo crates. A monorepo's test command is
 * chosen per package (README "How greenlight finds your tests").
 */

export type PackageKind = 'node' | 'python' | 'go' | 'cargo';

export interface TestPackage {
  /** Relative directory, '' for the root. */
  dir: string;
  kinds: PackageKind[];
}

/** Manifest file names, by the kind of package they make. */
const MANIFESTS: Readonly<Record<string, PackageKind>> = {
  'package.json': 'node',
  'pyproject.toml': 'python',
  'setup.cfg': 'python',
  'setup.py': 'python',
  'pytest.ini': 'python',
  'tox.ini': 'python',
  'go.mod': 'go',
  'Cargo.toml': 'cargo',
};

/** Folders whose manifests are not packages of this repository (dependencies, copies, fixtures, output). */
const NOT_PACKAGES =
  /(^|\/)(node_modules|\.git|vendor|third_party|third-party|fixtures|__fixtures__|testdata|test-fixtures|\.venv|venv|site-packages|\.tox|dist|coverage)(\/|$)/;

/** Whether a manifest at `path` can belong to a package of the repository (not a dependency, copy or fixture). */
export function mayBePackageManifest(path: string): boolean {
  return !NOT_PACKAGES.test(path);
}

export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `dir` joined with a relative path. */
export function inDir(dir: string, path: string): string {
  return dir === '' ? path : `${dir}/${path}`;
}

/** Whether `path` lies in `dir` ('' holds everything). */
export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** A workspace glob (`packages/*`, `apps/**`, `tools/cli`) as a RegExp over directories. */
function workspacePattern(glob: string): RegExp {
  const clean = glob.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < clean.length; i += 1) {
    const ch = clean[i] as string;
    if (ch === '*' && clean[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Workspace globs from the root package.json (`workspaces`) and pnpm-workspace.yaml (`packages:`). */
export function workspaceGlobs(rootPackageJson: unknown, pnpmWorkspace: string | undefined): string[] | null {
  const globs: string[] = [];
  let declared = false;
  if (rootPackageJson !== null && typeof rootPackageJson === 'object') {
    const field = (rootPackageJson as Record<string, unknown>)['workspaces'];
    const list = Array.isArray(field)
      ? field
      : field !== null && typeof field === 'object'
        ? (field as Record<string, unknown>)['packages']
        : undefined;
    if (Array.isArray(list)) {
      declared = true;
      globs.push(...list.filter((g): g is string => typeof g === 'string'));
    }
  }
  if (pnpmWorkspace !== undefined) {
    declared = true;
    // The `packages:` list of pnpm-workspace.yaml: `  - 'packages/*'` lines until the next key.
    const block = /^packages:\s*\n((?:[ \t]+-.*\n?|[ \t]*#.*\n?|[ \t]*\n)*)/m.exec(pnpmWorkspace)?.[1] ?? '';
    for (const line of block.split('\n')) {
      const item = /^[ \t]+-[ \t]*['"]?([^'"#]+?)['"]?[ \t]*(?:#.*)?$/.exec(line)?.[1];
      if (item !== undefined) globs.push(item);
    }
  }
  return declared ? globs : null;
}

/**
 * Every package of the repository, the root first, then by path.
 *
 * @param files the repository's files, relative
 * @param texts file texts by path (the root package.json and pnpm-workspace.yaml are read for workspaces)
 */
export function findTestPackages(
  files: readonly string[],
  texts: Readonly<Partial<Record<string, string>>>,
): TestPackage[] {
  let rootPackage: unknown = null;
  try {
    rootPackage = JSON.parse(texts['package.json'] ?? 'null');
  } catch {
    // An invalid root package.json is reported by detection itself.
  }
  const globs = workspaceGlobs(rootPackage, texts['pnpm-workspace.yaml']);
  const include = (globs ?? []).filter((g) => !g.startsWith('!')).map(workspacePattern);
  const exclude = (globs ?? []).filter((g) => g.startsWith('!')).map((g) => workspacePattern(g.slice(1)));
  const isMember = (dir: string): boolean => include.some((p) => p.test(dir)) && !exclude.some((p) => p.test(dir));

  const byDir = new Map<string, Set<PackageKind>>([['', new Set()]]);
  for (const file of files) {
    const kind = MANIFESTS[baseOf(file)];
    if (kind === undefined || !mayBePackageManifest(file)) continue;
    const dir = dirOf(file);
    // In a declared workspace only its members are JavaScript packages; elsewhere every package.json is one.
    if (kind === 'node' && dir !== '' && globs !== null && !isMember(dir)) continue;
    const kinds = byDir.get(dir) ?? new Set<PackageKind>();
    kinds.add(kind);
    byDir.set(dir, kinds);
  }
  return [...byDir.entries()]
    .map(([dir, kinds]) => ({ dir, kinds: [...kinds].sort() }))
    .sort((a, b) => (a.dir === '' ? -1 : b.dir === '' ? 1 : a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
