import { describe, expect, it } from 'vitest';
import { coverageDelta } from '../../../../src/core/testing/coverage/coverage-delta.ts';
import { parseIstanbulSummary } from '../../../../src/core/testing/coverage/parse-istanbul-summary.ts';
import { parseLcov } from '../../../../src/core/testing/coverage/parse-lcov.ts';
import { FIXTURE_ROOT, fixture } from '../fixture.ts';

// Two real jest runs: the second adds a test for src/format.js.
const before = parseIstanbulSummary(fixture('coverage/before-coverage-summary.json'), [FIXTURE_ROOT]);
const after = parseIstanbulSummary(fixture('coverage/after-coverage-summary.json'), [FIXTURE_ROOT]);

describe('coverageDelta', () => {
  it('reports per-file and total change in percentage points', () => {
    expect(coverageDelta(before, after)).toEqual({
      files: [
        { file: 'src/calc.js', before: 80, after: 80, delta: 0 },
        { file: 'src/format.js', before: 0, after: 100, delta: 100 },
      ],
      total: { before: 40, after: 90, delta: 50 },
    });
  });

  it('limits the comparison to given files, with totals over those files', () => {
    expect(coverageDelta(before, after, ['src/calc.js'])).toEqual({
      files: [{ file: 'src/calc.js', before: 80, after: 80, delta: 0 }],
      total: { before: 80, after: 80, delta: 0 },
    });
  });

  it('has no delta for a file measured only once', () => {
    const a = parseLcov('SF:a.js\nDA:1,1\nend_of_record\n', []);
    const b = parseLcov('SF:a.js\nDA:1,0\nend_of_record\nSF:new.js\nDA:1,1\nDA:2,0\nend_of_record\n', []);
    expect(coverageDelta(a, b).files).toEqual([
      { file: 'a.js', before: 100, after: 0, delta: -100 },
      { file: 'new.js', before: null, after: 50, delta: null },
    ]);
  });
});
