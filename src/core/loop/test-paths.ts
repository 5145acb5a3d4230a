/**
 * Which paths hold tests, for finding "existing tests" in a diff: the risk rules' path
 * families (one list of test locations and names for the whole engine). Names are
 * enough here because the engine also checks the test reports: a test that vanished
 * from the full run is caught even when its file has an unusual name.
 */
import { compileGlobs } from '../paths/glob.ts';
import { isTestSourcePath, isTestSupportPath, TEST_FILES } from '../risk/path-sets.ts';

const testFileName = compileGlobs(TEST_FILES);

/** A file whose name says it is test code (not a fixture that merely lives in `test/`, nor a snapshot). */
export function isTestFileName(path: string): boolean {
  return testFileName(path) && !isTestSupportPath(path);
}

/** A test file, or a code file in a test directory (`test/`, `tests/`, `__tests__/`, `spec/`, `e2e/`…), not a fixture. */
export function isTestPath(path: string): boolean {
  return isTestSourcePath(path);
}
