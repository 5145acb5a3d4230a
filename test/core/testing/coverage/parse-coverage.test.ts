import { describe, expect, it } from 'vitest';
import { parseCobertura } from '../../../../src/core/testing/coverage/parse-cobertura.ts';
import { parseCoverage } from '../../../../src/core/testing/coverage/parse-coverage.ts';
import { parseIstanbulSummary } from '../../../../src/core/testing/coverage/parse-istanbul-summary.ts';
import { parseLcov } from '../../../../src/core/testing/coverage/parse-lcov.ts';
import { FIXTURE_ROOT, fixture } from '../fixture.ts';

const roots = [FIXTURE_ROOT];
// jest measured src/calc.js (4 of 5 lines) and src/format.js (0 of 5) in the same run.
const jestFiles = [
  { file: 'src/calc.js', linesTotal: 5, linesCovered: 4, percent: 80 },
  { file: 'src/format.js', linesTotal: 5, linesCovered: 0, percent: 0 },
];

describe('coverage parsers', () => {
  it('read the same jest run identically from lcov, coverage-summary.json and cobertura', () => {
    const expected = { files: jestFiles, total: { linesTotal: 10, linesCovered: 4, percent: 40 } };
    expect(parseLcov(fixture('coverage/jest-lcov.info'), roots)).toEqual({ format: 'lcov', ...expected });
    expect(parseIstanbulSummary(fixture('coverage/before-coverage-summary.json'), roots)).toEqual({ format: 'istanbul-summary', ...expected });
    expect(parseCobertura(fixture('coverage/cobertura-coverage.xml'), roots)).toEqual({ format: 'cobertura', ...expected });
  });

  it('reads node:test lcov output', () => {
    expect(parseLcov(fixture('coverage/node-test-lcov.info'), roots)).toEqual({
      format: 'lcov',
      files: [
        { file: 'src/calc.js', linesTotal: 7, linesCovered: 5, percent: 71.43 },
        { file: 'src/format.js', linesTotal: 7, linesCovered: 2, percent: 28.57 },
      ],
      total: { linesTotal: 14, linesCovered: 7, percent: 50 },
    });
  });

  it('merges lcov records of the same file line by line and uses LF/LH without DA lines', () => {
    const text = 'SF:/w/a.js\nDA:1,1\nDA:2,0\nend_of_record\nSF:/w/a.js\nDA:2,3\nDA:3,0\nend_of_record\nSF:/w/b.js\nLF:10\nLH:4\nend_of_record\n';
    expect(parseLcov(text, ['/w']).files).toEqual([
      { file: 'a.js', linesTotal: 3, linesCovered: 2, percent: 66.67 },
      { file: 'b.js', linesTotal: 10, linesCovered: 4, percent: 40 },
    ]);
  });

  it('counts a file without instrumented lines as fully covered', () => {
    expect(parseLcov('SF:x.js\nend_of_record\n', []).files).toEqual([{ file: 'x.js', linesTotal: 0, linesCovered: 0, percent: 100 }]);
  });

  it('recognises the format by content', () => {
    expect(parseCoverage(fixture('coverage/jest-lcov.info'), roots).format).toBe('lcov');
    expect(parseCoverage(fixture('coverage/before-coverage-summary.json'), roots).format).toBe('istanbul-summary');
    expect(parseCoverage(fixture('coverage/cobertura-coverage.xml'), roots).format).toBe('cobertura');
  });

  it.each([
    ['hello', 'unknown coverage format: expected lcov, istanbul coverage-summary.json or cobertura XML'],
    ['{"a":1}', 'not an istanbul coverage-summary.json: "total.lines" is missing'],
    ['<testsuites/>', 'not a cobertura report: root element is <testsuites>'],
    ['TN:\nSF:a.js\nDA:1,1\n', 'not an lcov report: no end_of_record'],
    ['SF:a.js\nDA:x,1\nend_of_record', 'malformed lcov line: DA:x,1'],
  ])('rejects %j', (text, message) => {
    expect(() => parseCoverage(text, [])).toThrow(message);
  });
});
