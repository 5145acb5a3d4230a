import { describe, expect, it } from 'vitest';
import { parseMochaJson } from '../../../src/core/testing/parse-mocha-json.ts';
import { FIXTURE_ROOT, fixture } from './fixture.ts';

describe('parseMochaJson', () => {
  it('reads a real mocha JSON report, with a failing hook as an errored case', () => {
    const { tests } = parseMochaJson(fixture('mocha-report.json'), [FIXTURE_ROOT]);
    expect(tests.map(({ durationMs: _d, ...t }) => t)).toEqual([
      { id: 'test/math.test.js::math adds', name: 'math adds', file: 'test/math.test.js', status: 'passed' },
      {
        id: 'test/math.test.js::math fails',
        name: 'math fails',
        file: 'test/math.test.js',
        status: 'failed',
        message: 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n3 !== 4',
        stack: 'at Context.<anonymous> (test/math.test.js:4:30)',
        line: 4,
      },
      {
        id: 'test/math.test.js::math errors',
        name: 'math errors',
        file: 'test/math.test.js',
        status: 'failed',
        message: "TypeError: Cannot read properties of null (reading 'x')",
        stack: 'at Context.<anonymous> (test/math.test.js:5:29)',
        line: 5,
      },
      { id: 'test/math.test.js::math skipped', name: 'math skipped', file: 'test/math.test.js', status: 'skipped' },
      {
        id: 'test/math.test.js::math slow',
        name: 'math slow',
        file: 'test/math.test.js',
        status: 'failed',
        message:
          'Error: Timeout of 200ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves. (test/math.test.js)',
      },
      {
        id: 'test/hook.test.js::with hook "before each" hook for "never runs"',
        name: 'with hook "before each" hook for "never runs"',
        file: 'test/hook.test.js',
        status: 'errored',
        message: 'Error: hook boom',
        stack: 'at Context.<anonymous> (test/hook.test.js:2:34)',
        line: 2,
      },
    ]);
  });

  it('rejects JSON that is not a mocha report', () => {
    expect(() => parseMochaJson('{"testResults":[]}', [])).toThrow('not a mocha JSON report');
  });
});
