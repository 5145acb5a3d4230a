/**
 * Which package's tests a task concerns, from the paths it names and the files its
 * context ranks highest: in a monorepo the tests of the package being changed run
 * from that package, not the root's (which may run other packages' browser tests).
 */
import { isUnder, type TestPackage } from './find-test-packages.ts';

export interface TestHints {
  /** Paths written in the task (files or directories, as written: possibly relative to a package). */
  named: readonly string[];
  /** The context's best-ranked files, best first. */
  ranked: readonly string[];
}

export interface DirectoryChoice {
  /** Directories to try in order: the chosen package, its enclosing packages, the root, the rest. */
  order: string[];
  /** Why the first directory was chosen, when hints chose it ("the task names backend/app/crud.py"). */
  why: Map<string, string>;
}

/** Weight of a path named in the task against one of the context's top files. */
const NAMED_WEIGHT = 5;
/** How many of the context's top files count. */
const RANKED = 10;

/** The repository file a named path stands for: itself, a file under it, or a file ending with it. */
function resolveNamed(named: string, files: readonly string[]): string | null {
  const clean = named.replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean === '' || clean.startsWith('../')) return null;
  return (
    files.find((f) => f === clean) ??
    files.find((f) => f.startsWith(`${clean}/`)) ??
    files.find((f) => f.endsWith(`/${clean}`)) ??
    null
  );
}

/** The deepest package that holds `path`. */
function ownerOf(path: string, packages: readonly TestPackage[]): string {
  let best = '';
  for (const p of packages) if (isUnder(path, p.dir) && p.dir.length > best.length) best = p.dir;
  return best;
}

function ancestors(dir: string, packages: readonly TestPackage[]): string[] {
  return packages
    .map((p) => p.dir)
    .filter((d) => d !== dir && isUnder(dir, d))
    .sort((a, b) => b.length - a.length);
}

/**
 * @param testFileCount test files per package, to order the packages no hint reached
 * @example
 * chooseTestDirectory(packages, { named: ['app/crud.py'], ranked: [] }, files, counts).order[0] // 'backend'
 */
export function chooseTestDirectory(
  packages: readonly TestPackage[],
  hints: TestHints | undefined,
  files: readonly string[],
  testFileCount: (dir: string) => number,
): DirectoryChoice {
  const why = new Map<string, string>();
  const scores = new Map<string, number>();
  const named = new Map<string, string[]>();
  const ranked = new Map<string, number>();
  if (hints !== undefined && packages.length > 1) {
    for (const text of hints.named) {
      const file = resolveNamed(text, files);
      if (file === null) continue;
      const owner = ownerOf(file, packages);
      scores.set(owner, (scores.get(owner) ?? 0) + NAMED_WEIGHT);
      named.set(owner, [...(named.get(owner) ?? []), file]);
    }
    hints.ranked.slice(0, RANKED).forEach((file, index) => {
      const owner = ownerOf(file, packages);
      scores.set(owner, (scores.get(owner) ?? 0) + (RANKED - index) / RANKED);
      ranked.set(owner, (ranked.get(owner) ?? 0) + 1);
    });
  }
  let chosen = '';
  let best = 0;
  for (const [dir, score] of [...scores.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Ties go to the shallower package, the root first: its tests usually cover its members.
    if (score > best || (score === best && dir.length < chosen.length)) {
      chosen = dir;
      best = score;
    }
  }
  if (chosen !== '') {
    const files = named.get(chosen) ?? [];
    const top = ranked.get(chosen) ?? 0;
    const parts = [
      ...(files.length > 0 ? [`the task names ${files.slice(0, 2).join(', ')}`] : []),
      ...(top > 0 ? [`${top} of the context's top ${RANKED} files are there`] : []),
    ];
    why.set(chosen, `the task concerns ${chosen}/ (${parts.join('; ')})`);
  }
  const order = [chosen, ...ancestors(chosen, packages)];
  if (!order.includes('')) order.push('');
  const rest = packages
    .map((p) => p.dir)
    .filter((d) => !order.includes(d))
    .sort((a, b) => testFileCount(b) - testFileCount(a) || (a < b ? -1 : 1));
  for (const dir of rest) {
    const count = testFileCount(dir);
    why.set(
      dir,
      `nothing closer to the task has tests of its own; ${dir}/ has ${count === 1 ? '1 test file' : `${count} test files`}`,
    );
    order.push(dir);
  }
  return { order, why };
}
