/** Test files by name or location, across the ecosystems greenlight supports. */

// Not `testing/`: that is as often a test-support library (Go, this project) as tests.
const TEST_DIRECTORY = /(?:^|\/)(?:tests?|__tests__|specs?|e2e|integration-tests)\//;
const TEST_NAME = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$|^test_.*\.py$|_test\.py$|^conftest\.py$|_test\.go$|(?:Test|Tests|IT|Spec)\.(?:java|kt)$|_(?:spec|test)\.rb$|\.bats$)/;

/**
 * @example isTestPath('src/a.test.ts') // true
 * @example isTestPath('tests/test_api.py') // true
 * @example isTestPath('src/testing-utils.ts') // false
 */
export function isTestPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return TEST_NAME.test(name) || TEST_DIRECTORY.test(path);
}
