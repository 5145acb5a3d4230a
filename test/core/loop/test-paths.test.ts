import { describe, expect, it } from 'vitest';
import { isTestFileName, isTestPath } from '../../../src/core/loop/test-paths.ts';

describe('test paths (shared with the risk rules)', () => {
  it.each<[string, boolean, boolean]>([
    ['src/add.test.ts', true, true],
    ['src/add.spec.js', true, true],
    ['tests/test_api.py', true, true],
    ['pkg/api_test.go', true, true],
    ['src/test/java/AppTest.java', true, true],
    ['spec/models/user_spec.rb', true, true],
    ['features/login.feature', true, true],
    ['test/helpers.js', false, true],
    ['e2e/login.ts', false, true],
    ['test/fixtures/data.js', false, false],
    ['src/__snapshots__/a.test.ts.snap', false, false],
    ['test/README.md', false, false],
    ['src/testing-utils.ts', false, false],
    ['src/add.ts', false, false],
  ])('%s: a test by name %s, test code %s', (path, byName, code) => {
    expect([isTestFileName(path), isTestPath(path)]).toEqual([byName, code]);
  });
});
