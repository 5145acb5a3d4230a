/**
 * Test files by name or location: the same path families the risk rules use
 * (src/core/risk/path-sets.ts), so that "a test" means one thing across greenlight.
 * Fixtures and snapshots are test support, not tests.
 *
 * @example isTestPath('src/a.test.ts') // true
 * @example isTestPath('tests/test_api.py') // true
 * @example isTestPath('src/testing-utils.ts') // false
 */
export { isTestCodePath as isTestPath } from '../risk/path-sets.ts';
