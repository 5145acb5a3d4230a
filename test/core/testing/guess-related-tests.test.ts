import { describe, expect, it } from 'vitest';
import { guessRelatedTests, isTestFile } from '../../../src/core/testing/guess-related-tests.ts';

const files = [
  'src/math.ts',
  'src/math.test.ts',
  'test/math.spec.js',
  'src/format.ts',
  'src/__tests__/format.js',
  'pkg/calc.py',
  'tests/test_calc.py',
  'pkg/other_test.py',
  'calc.go',
  'calc_test.go',
  'README.md',
  'node_modules/x/x.test.js',
];

describe('isTestFile', () => {
  it.each([
    ['src/a.test.ts', true],
    ['a.spec.js', true],
    ['test/helpers.js', true],
    ['tests/test_a.py', true],
    ['a_test.go', true],
    ['src/__tests__/a.js', true],
    ['src/a.ts', false],
    ['src/testing.ts', false],
    ['node_modules/x/a.test.js', false],
  ])('%s → %s', (path, expected) => {
    expect(isTestFile(path)).toBe(expected);
  });
});

describe('guessRelatedTests', () => {
  it('keeps changed test files and adds test files named after changed sources', () => {
    expect(
      guessRelatedTests(['src/math.ts', 'pkg/calc.py', 'calc.go', 'src/format.ts', 'tests/test_calc.py'], files),
    ).toEqual({
      tests: ['src/math.test.ts', 'test/math.spec.js', 'tests/test_calc.py', 'calc_test.go', 'src/__tests__/format.js'],
      unmatched: [],
    });
  });

  it('reports changed files without a test named after them', () => {
    expect(guessRelatedTests(['README.md', 'src/new.ts'], files)).toEqual({
      tests: [],
      unmatched: ['README.md', 'src/new.ts'],
    });
  });
});
