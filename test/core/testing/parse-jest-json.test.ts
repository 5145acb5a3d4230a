import { describe, expect, it } from 'vitest';
import { parseJestJson } from '../../../src/core/testing/parse-jest-json.ts';
import { FIXTURE_ROOT, fixture } from './fixture.ts';

describe('parseJestJson', () => {
  it('reads a real vitest JSON report: passes, failures, skips, timeouts and a file that cannot load', () => {
    const { tests } = parseJestJson(fixture('vitest-report.json'), [FIXTURE_ROOT]);
    expect(tests.map(({ durationMs: _d, ...t }) => t)).toEqual([
      {
        id: 'src/broken.test.js::(file)',
        name: '(file)',
        file: 'src/broken.test.js',
        status: 'errored',
        message: "Cannot find module './missing.js' imported from src/broken.test.js",
      },
      { id: 'src/math.test.js::math > adds', name: 'math > adds', file: 'src/math.test.js', status: 'passed' },
      {
        id: 'src/math.test.js::math > fails',
        name: 'math > fails',
        file: 'src/math.test.js',
        status: 'failed',
        message: 'AssertionError: expected 3 to be 4 // Object.is equality',
        stack: 'at src/math.test.js:5:41',
        line: 5,
      },
      {
        id: 'src/math.test.js::math > errors',
        name: 'math > errors',
        file: 'src/math.test.js',
        status: 'failed',
        message: "TypeError: Cannot read properties of null (reading 'x')",
        stack: 'at src/math.test.js:6:29',
        line: 6,
      },
      { id: 'src/math.test.js::math > skipped', name: 'math > skipped', file: 'src/math.test.js', status: 'skipped' },
      {
        id: 'src/math.test.js::math > slow',
        name: 'math > slow',
        file: 'src/math.test.js',
        status: 'failed',
        message:
          'TestTimeoutError: Test timed out in 200ms.\nIf this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout".',
        stack: 'at src/math.test.js:8:3',
        line: 8,
      },
    ]);
    expect(tests.find((t) => t.name === 'math > adds')?.durationMs).toBeTypeOf('number');
  });

  it('reads a real jest JSON report, with the expected/received diff and the suite that failed to run', () => {
    const { tests } = parseJestJson(fixture('jest-report.json'), [FIXTURE_ROOT]);
    expect(tests.map((t) => [t.id, t.status, t.line])).toEqual([
      ['src/math.test.js::math > adds', 'passed', undefined],
      ['src/math.test.js::math > fails', 'failed', 4],
      ['src/math.test.js::math > errors', 'failed', 5],
      ['src/math.test.js::math > skipped', 'skipped', undefined],
      ['src/math.test.js::math > slow', 'failed', 7],
      ['src/broken.test.js::(file)', 'errored', 1],
    ]);
    expect(tests[1]?.message).toBe(
      'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 4\nReceived: 3',
    );
    expect(tests[1]?.stack).toBe('at Object.toBe (src/math.test.js:4:43)');
    expect(tests[5]?.message).toBe(
      "Cannot find module './missing.js' from 'src/broken.test.js'\n\n> 1 | require('./missing.js');\n    |                        ^\n  2 | test('x', () => {});\n  3 |",
    );
    expect(tests[5]?.stack).toBe('at Object.<anonymous> (src/broken.test.js:1:24)');
  });

  it('strips ANSI colours and the workspace path from messages', () => {
    const report = JSON.stringify({
      testResults: [
        {
          name: '/w/a.test.ts',
          status: 'failed',
          message: '',
          assertionResults: [
            {
              ancestorTitles: [],
              title: 't',
              status: 'failed',
              failureMessages: ['\u001b[31mError: boom in /w/src/a.ts\u001b[39m\n    at /w/a.test.ts:3:9'],
            },
          ],
        },
      ],
    });
    expect(parseJestJson(report, ['/w']).tests[0]).toEqual({
      id: 'a.test.ts::t',
      name: 't',
      file: 'a.test.ts',
      status: 'failed',
      message: 'Error: boom in src/a.ts',
      stack: 'at a.test.ts:3:9',
      line: 3,
    });
  });

  it('rejects JSON that is not a jest/vitest report', () => {
    expect(() => parseJestJson('{"stats":{}}', [])).toThrow('not a jest/vitest JSON report: testResults is missing');
    expect(() => parseJestJson('not json', [])).toThrow();
  });
});
