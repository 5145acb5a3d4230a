/**
 * Path families several rules share: where tests, test support files and docs live
 * in the ecosystems greenlight knows (JS/TS, Python, Go, Java/Kotlin, Ruby, Rust).
 */
import { compileGlobs } from '../paths/glob.ts';

/** Folders whose files are tests or test support, at any depth. */
export const TEST_DIRS = [
  'test/',
  'tests/',
  '__tests__/',
  'spec/',
  'e2e/',
  'cypress/',
  'playwright/',
  'integration_tests/',
  'integration-tests/',
];

/** File names that are tests wherever they live. */
export const TEST_FILES = [
  '*.test.*',
  '*.spec.*',
  '*.e2e.*',
  '*.cy.*',
  'test_*.py',
  '*_test.py',
  'tests.py',
  'conftest.py',
  '*_test.go',
  '*Test.java',
  '*Tests.java',
  '*IT.java',
  '*TestCase.java',
  '*Test.kt',
  '*Tests.kt',
  '*Spec.kt',
  '*Spec.groovy',
  '*Test.scala',
  '*Spec.scala',
  '*_spec.rb',
  '*_test.rb',
  '*.feature',
];

/** Test support that is data, not test cases: fixtures, snapshots, golden files. */
export const TEST_SUPPORT = [
  'fixtures/',
  '__fixtures__/',
  '__snapshots__/',
  '*.snap',
  'testdata/',
  'test-data/',
  'test_data/',
  '__mocks__/',
  'cassettes/',
  'golden/',
  '*.golden',
];

/** Everything test-related: tests and their support files. */
export const TEST_PATHS = [...TEST_DIRS, ...TEST_FILES, ...TEST_SUPPORT];

/** Text formats that are documentation. */
export const DOC_FILES = [
  '*.md',
  '*.mdx',
  '*.markdown',
  '*.rst',
  '*.adoc',
  '*.asciidoc',
  '*.txt',
  'LICENSE',
  'LICENCE',
  'LICENSE-*',
  'COPYING',
  'NOTICE',
  'AUTHORS',
  'CONTRIBUTORS',
  'CHANGELOG',
  'CHANGES',
  'HISTORY',
  'docs/**/*.{html,css,svg}',
  'doc/**/*.{html,css,svg}',
];

const testMatcher = compileGlobs([...TEST_DIRS, ...TEST_FILES]);
const supportMatcher = compileGlobs(TEST_SUPPORT);
const docMatcher = compileGlobs(DOC_FILES);
const CODE_EXTENSIONS = new Set([
  'js',
  'jsx',
  'ts',
  'tsx',
  'mjs',
  'cjs',
  'mts',
  'cts',
  'py',
  'go',
  'java',
  'kt',
  'kts',
  'groovy',
  'scala',
  'rb',
  'rs',
  'feature',
]);

const TEST = 1;
const SUPPORT = 2;
const DOC = 4;
const SOURCE = 8;

// Several rules ask about the same path; remember the answers (bounded).
const memo = new Map<string, number>();
const MEMO_LIMIT = 20_000;

function flags(path: string): number {
  let bits = memo.get(path);
  if (bits === undefined) {
    const dot = path.lastIndexOf('.');
    const code = dot !== -1 && CODE_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
    bits =
      (testMatcher(path) ? TEST : 0) |
      (supportMatcher(path) ? SUPPORT : 0) |
      (docMatcher(path) ? DOC : 0) |
      (code ? SOURCE : 0);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(path, bits);
  }
  return bits;
}

/** A test or test-support path. */
export function isTestPath(path: string): boolean {
  return (flags(path) & (TEST | SUPPORT)) !== 0;
}

/** A test path that is not a fixture, snapshot or golden file. */
export function isTestCodePath(path: string): boolean {
  return (flags(path) & (TEST | SUPPORT)) === TEST;
}

/** Test support: fixtures, snapshots, golden files, test data. */
export function isTestSupportPath(path: string): boolean {
  return (flags(path) & SUPPORT) !== 0;
}

/** A file that declares test cases (not a fixture or snapshot): removing it removes tests. */
export function isTestSourcePath(path: string): boolean {
  return (flags(path) & (TEST | SUPPORT | SOURCE)) === (TEST | SOURCE);
}

/** A documentation path. */
export function isDocPath(path: string): boolean {
  return (flags(path) & DOC) !== 0;
}
