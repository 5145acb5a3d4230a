import { describe, expect, it } from 'vitest';
import { parseRunnerSummary } from '../../../src/core/testing/runner-summary.ts';

describe('parseRunnerSummary', () => {
  it.each([
    ['vitest', ' Test Files  1 failed (1)\n      Tests  1 failed | 4 passed (5)\n   Start at  06:03:34', 1, 4],
    [
      'vitest',
      '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m5 passed\u001b[39m\u001b[22m\u001b[90m (5)\u001b[39m',
      0,
      5,
    ],
    ['vitest', '      Tests  3 failed | 2 passed | 1 skipped (6)', 3, 2],
    ['jest', 'Test Suites: 1 failed, 1 total\nTests:       2 failed, 3 passed, 5 total\nSnapshots:   0 total', 2, 3],
    ['jest', 'Tests:       4 passed, 4 total', 0, 4],
    ['pytest', '========================= 1 failed, 4 passed, 1 error in 0.12s =========================', 2, 4],
    ['pytest', '==== 5 passed, 1 warning in 0.05s (0:00:00) ====', 0, 5],
    ['pytest', 'FAILED test_x.py::test_b - assert 0\n1 failed, 1 passed in 1.34s', 1, 1],
    ['pytest', '2 passed, 1 xfailed in 65.10s (0:01:05)', 0, 2],
    ['node-test', 'ℹ tests 6\nℹ suites 1\nℹ pass 3\nℹ fail 3\nℹ cancelled 0', 3, 3],
    ['node-test', '# tests 2\n# pass 2\n# fail 0', 0, 2],
  ])('%s: %j', (runner, output, failed, passed) => {
    expect(parseRunnerSummary(runner, output)).toMatchObject({ failed, passed, lines: 1, conflicting: [] });
  });

  it('counts node:test loosely, the others exactly', () => {
    expect(parseRunnerSummary('node-test', 'ℹ fail 1')?.exact).toBe(false);
    expect(parseRunnerSummary('vitest', '      Tests  1 failed (1)')?.exact).toBe(true);
  });

  it('takes the highest failure count and names the lines when a run prints more than one summary', () => {
    const summary = parseRunnerSummary('vitest', '      Tests  3 failed | 2 passed (5)\n      Tests  5 passed (5)\n');
    expect(summary).toMatchObject({ failed: 3, passed: 2, lines: 2 });
    expect(summary?.conflicting).toEqual(['Tests  3 failed | 2 passed (5)', 'Tests  5 passed (5)']);
  });

  it('is null for runners without a summary it reads, and for output without one', () => {
    expect(parseRunnerSummary('mocha', '3 passing\n1 failing')).toBeNull();
    expect(parseRunnerSummary('go', 'ok  \texample.com/a\t0.1s')).toBeNull();
    expect(parseRunnerSummary('vitest', 'Test Files  1 failed (1)')).toBeNull();
    expect(parseRunnerSummary('jest', '')).toBeNull();
  });
});
