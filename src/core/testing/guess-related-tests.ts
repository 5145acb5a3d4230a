/**
 * For runners without a "related tests" mode: which test files probably exercise a
 * set of changed files, by naming convention (`src/a.ts` → `src/a.test.ts`,
 * `test/a.spec.js`, `tests/test_a.py`, `a_test.go`, `__tests__/a.js`).
 */
import { isTestCodePath } from '../risk/path-sets.ts';

/** True when a path is a test file (the risk rules' path families), outside node_modules. */
export function isTestFile(path: string): boolean {
  return isTestCodePath(path) && !/(^|\/)node_modules\//.test(path);
}

/** The stem a test file is named after: `src/a.test.ts` → `a`, `tests/test_a.py` → `a`. */
function testedStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base
    .replace(/\.[^.]+$/, '')
    .replace(/[._-](test|spec)$/, '')
    .replace(/^test_/, '')
    .replace(/_test$/, '');
}

function stem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.includes('.') ? base.slice(0, base.indexOf('.')) : base;
}

export interface RelatedTests {
  /** Test files to run, in the order found. */
  tests: string[];
  /** Changed files for which no test file was found. */
  unmatched: string[];
}

/** Changed test files themselves, plus test files named after each changed source file. */
export function guessRelatedTests(changed: readonly string[], files: readonly string[]): RelatedTests {
  const testFiles = files.filter(isTestFile);
  const tests: string[] = [];
  const unmatched: string[] = [];
  const add = (file: string) => {
    if (!tests.includes(file)) tests.push(file);
  };
  for (const file of changed) {
    if (isTestFile(file)) {
      add(file);
      continue;
    }
    const name = stem(file);
    const matches = testFiles.filter((t) => testedStem(t) === name);
    if (matches.length === 0) unmatched.push(file);
    for (const match of matches) add(match);
  }
  return { tests, unmatched };
}
