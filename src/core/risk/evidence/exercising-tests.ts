/**
 * Tests that exercise a changed module: test files named after it (`loader.test.js`,
 * `test_loader.py`, `10-loader.js`, `LoaderTest.java`) and, among those, the ones that
 * import it. A module with such tests is one whose behaviour someone pinned down, which
 * a reviewer accepts as support (never as the only evidence) for a lower tier.
 */
import { extractImports } from '../../context/extract-imports.ts';
import { baseName, dirName, joinPath } from '../../context/path-parts.ts';
import { testSubject } from '../../context/test-pairs.ts';
import { isTestCodePath } from '../path-sets.ts';
import { moduleLanguage } from './module-facts.ts';

/** At most this many tests are read per module. */
const MAX_TESTS = 4;

function stem(path: string): string {
  return baseName(path)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[-_]/g, '');
}

/** Words of a test's name, lower case: `10-loader.test.js` → 10, loader, test. */
function nameWords(path: string): string[] {
  return baseName(path)
    .replace(/\.[^.]+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

/** True when the test at `testPath` is named after the module at `modulePath`. */
function namedAfter(testPath: string, modulePath: string): boolean {
  const subject = stem(modulePath);
  if (subject === 'index' || subject === 'init' || subject === 'mod' || subject === 'lib') {
    return testSubject(testPath) === stem(dirName(modulePath));
  }
  return testSubject(testPath) === subject || (subject.length >= 4 && nameWords(testPath).includes(subject));
}

/**
 * Test files among `files` (the repository at the head) that may exercise the module
 * at `path`, best first: named after it, nearest directory first.
 */
export function testCandidates(path: string, files: readonly string[]): string[] {
  const language = moduleLanguage(path);
  if (language === null) return [];
  const family = (p: string) => {
    const l = moduleLanguage(p);
    return l === 'typescript' ? 'javascript' : l === 'kotlin' ? 'java' : l;
  };
  const own = family(path);
  const dir = dirName(path);
  const shared = (other: string) => {
    const a = dir.split('/');
    const b = dirName(other).split('/');
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
    return n;
  };
  return files
    .filter((file) => file !== path && isTestCodePath(file) && family(file) === own && namedAfter(file, path))
    .sort((a, b) => shared(b) - shared(a) || a.localeCompare(b))
    .slice(0, MAX_TESTS);
}

/** True when `testText` imports the module at `modulePath`. */
function imports(testPath: string, testText: string, modulePath: string): boolean {
  const language = moduleLanguage(testPath);
  if (language === null) return false;
  const target = modulePath.replace(/\.[^.]+$/, '');
  for (const specifier of extractImports(language, testText)) {
    if (specifier.startsWith('.')) {
      const resolved = joinPath(dirName(testPath), specifier).replace(/\.[cm]?[jt]s$/, '');
      if (resolved === target || `${resolved}/index` === target) return true;
    } else if (language === 'python') {
      const dotted = target.replace(/\//g, '.');
      if (dotted === specifier || dotted.endsWith(`.${specifier}`)) return true;
    }
  }
  return false;
}

export interface ExercisingTest {
  path: string;
  /** How the test relates to the module, for the reason: `imports it` or `named after it`. */
  how: 'imports it' | 'named after it';
}

/** Tests among `tests` (path → text) that exercise the module at `path`. */
export function exercisingTests(path: string, tests: ReadonlyMap<string, string>): ExercisingTest[] {
  const found: ExercisingTest[] = [];
  for (const [testPath, text] of tests) {
    if (testPath === path || !isTestCodePath(testPath)) continue;
    if (imports(testPath, text, path)) found.push({ path: testPath, how: 'imports it' });
    else if (namedAfter(testPath, path)) found.push({ path: testPath, how: 'named after it' });
  }
  return found.sort((a, b) => (a.how === b.how ? a.path.localeCompare(b.path) : a.how === 'imports it' ? -1 : 1));
}
