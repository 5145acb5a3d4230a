import { describe, expect, it } from 'vitest';
import { SUITE_ID } from '../../../src/core/testing/build-test-report.ts';
import { EXTRA_SUITE_ID, mergeTestReports } from '../../../src/core/testing/merge-test-reports.ts';
import { report, testCase } from './report-builders.ts';

describe('mergeTestReports', () => {
  it('keeps the worse result of a test both commands ran, and adds the rest', () => {
    const merged = mergeTestReports(
      report([testCase('a.test.ts::a', 'passed'), testCase('b.test.ts::b', 'passed')]),
      report([testCase('b.test.ts::b', 'failed'), testCase('c.test.ts::c', 'skipped')], {
        command: 'npx vitest run',
        durationMs: 100,
        outputTail: 'FAIL b',
        notes: ['widened to the whole suite'],
      }),
    );
    expect(merged.tests.map((t) => [t.id, t.status])).toEqual([
      ['a.test.ts::a', 'passed'],
      ['b.test.ts::b', 'failed'],
      ['c.test.ts::c', 'skipped'],
    ]);
    expect(merged).toMatchObject({
      command: 'npm test && npx vitest run',
      exitCode: 1,
      structured: true,
      durationMs: 1334,
      totals: { passed: 1, failed: 1, errored: 0, skipped: 1, total: 3 },
      outputTail: '\n--- npx vitest run ---\nFAIL b',
      notes: ['CI command: widened to the whole suite'],
    });
  });

  it("gives the second command's stand-in case its own id, so a failing CI command counts as a failing test", () => {
    const merged = mergeTestReports(
      report([testCase(SUITE_ID, 'passed')], { structured: false }),
      report([testCase(SUITE_ID, 'failed', { message: 'exit code 2' })], {
        command: 'make test',
        structured: false,
        crashed: true,
      }),
    );
    expect(merged.tests.map((t) => [t.id, t.status, t.name])).toEqual([
      [SUITE_ID, 'passed', SUITE_ID],
      [EXTRA_SUITE_ID, 'failed', 'CI command: make test'],
    ]);
    expect(merged.crashed).toBe(true);
    expect(merged.structured).toBe(false);
  });

  it("keeps either command's disagreement with its own runner, so the merged report is never trusted", () => {
    const clean = report([testCase('a.test.ts::a', 'passed')], { discarded: ['coverage/'] });
    const forged = report([testCase('b.test.ts::b', 'passed')], {
      command: 'npx vitest run',
      disagreements: ['the report says 1 passed, the runner printed 1 failed'],
      discarded: ['coverage/', 'out.json'],
    });
    const second = mergeTestReports(clean, forged);
    expect(second.disagreements).toEqual(['CI command: the report says 1 passed, the runner printed 1 failed']);
    expect(second.discarded).toEqual(['coverage/', 'out.json']);
    const first = mergeTestReports({ ...forged, command: 'npm test' }, clean);
    expect(first.disagreements).toEqual(['the report says 1 passed, the runner printed 1 failed']);
    expect(mergeTestReports(clean, clean)).not.toHaveProperty('disagreements');
  });
});
