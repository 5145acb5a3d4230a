/**
 * Which paths hold tests, by the naming conventions of the ecosystems greenlight
 * supports. Used to find "existing tests" in a diff; names are enough here because
 * the engine also checks the test reports (a test that vanished from the full run
 * is caught even when its file has an unusual name).
 */

const TEST_FILE_NAMES: readonly RegExp[] = [
  /\.(test|spec)\.[cm]?[jt]sx?$/, // vitest, jest, mocha, node:test
  /(^|\/)test_[^/]*\.py$/, /_test\.py$/, /(^|\/)conftest\.py$/,
  /_test\.go$/,
  /(Test|Tests|IT)\.(java|kt|cs)$/,
  /_(spec|test)\.rb$/,
];

const TEST_DIRS = /(^|\/)(__tests__|tests?|specs?)\//;

/** A file whose name says it is test code (not a fixture that merely lives in `test/`). */
export function isTestFileName(path: string): boolean {
  return TEST_FILE_NAMES.some((re) => re.test(path));
}

/** A test file, or any code file in a test directory (`test/`, `tests/`, `__tests__/`, `spec/`). */
export function isTestPath(path: string): boolean {
  return isTestFileName(path) || (TEST_DIRS.test(path) && /\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kt|cs)$/.test(path));
}
