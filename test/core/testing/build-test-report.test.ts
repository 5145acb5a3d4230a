import { describe, expect, it } from 'vitest';
import { buildTestReport, SUITE_ID, type RunOutcome } from '../../../src/core/testing/build-test-report.ts';
import { testCase } from './report-builders.ts';

const outcome = (over: Partial<RunOutcome> = {}): RunOutcome => ({
  runner: 'vitest',
  command: 'npm test',
  exitCode: 0,
  timedOut: false,
  durationMs: 1500.4,
  stdout: '',
  stderr: '',
  ...over,
});

describe('buildTestReport', () => {
  it('counts a structured report and keeps an ANSI-free, relative output tail', () => {
    const tests = [
      testCase('a.ts::x', 'passed'),
      testCase('a.ts::y', 'failed', { message: 'boom' }),
      testCase('a.ts::z', 'skipped'),
    ];
    const report = buildTestReport(
      outcome({ exitCode: 1, stdout: '\u001b[31mFAIL\u001b[39m /w/a.ts\n', stderr: 'warn /w/b.ts\n' }),
      { tests },
      { roots: ['/w'], scope: 'related', notes: ['a note'] },
    );
    expect(report).toEqual({
      runner: 'vitest',
      command: 'npm test',
      crashed: false,
      structured: true,
      exitCode: 1,
      timedOut: false,
      durationMs: 1500,
      totals: { passed: 1, failed: 1, errored: 0, skipped: 1, total: 3 },
      tests,
      outputTail: 'FAIL a.ts\n--- stderr ---\nwarn b.ts',
      scope: 'related',
      notes: ['a note'],
    });
  });

  it('keeps the exit code authoritative: a failing exit with an all-green report adds an errored (suite) case', () => {
    const report = buildTestReport(
      outcome({ exitCode: 1, stderr: 'Unhandled Rejection: boom' }),
      { tests: [testCase('a.ts::x', 'passed')] },
      { roots: [] },
    );
    expect(report.crashed).toBe(false);
    expect(report.totals).toEqual({ passed: 1, failed: 0, errored: 1, skipped: 0, total: 2 });
    expect(report.tests[1]).toEqual({
      id: SUITE_ID,
      name: 'test command',
      file: null,
      status: 'errored',
      message:
        'the test command exited with code 1 although no test failed (an unhandled error, a failing hook or a threshold?)\nUnhandled Rejection: boom',
    });
  });

  it('falls back to exit code and output when there is no report', () => {
    const passed = buildTestReport(outcome({ stdout: 'all good' }), null, { roots: [] });
    expect(passed).toMatchObject({
      structured: false,
      crashed: false,
      totals: { passed: 1, total: 1 },
      notes: ['no machine-readable test report: the result comes from the exit code and output'],
    });
    expect(passed.tests).toEqual([
      { id: SUITE_ID, name: 'test command', file: null, status: 'passed', message: 'exit code 0' },
    ]);

    const failed = buildTestReport(outcome({ exitCode: 2, stdout: 'line 1\nFAILED: 3 tests' }), null, { roots: [] });
    expect(failed).toMatchObject({ structured: false, crashed: false, totals: { failed: 1, total: 1 } });
    expect(failed.tests[0]?.message).toBe('exit code 2\nline 1\nFAILED: 3 tests');
  });

  it('calls a missing report a crash when the runner always writes one', () => {
    const report = buildTestReport(outcome({ exitCode: 1, stderr: 'Error: Cannot find module vitest' }), null, {
      roots: [],
      reportExpected: true,
    });
    expect(report.crashed).toBe(true);
    expect(report.tests).toEqual([
      {
        id: SUITE_ID,
        name: 'test command',
        file: null,
        status: 'errored',
        message: 'the test command could not run (exit code 1)\nError: Cannot find module vitest',
      },
    ]);
  });

  it.each([
    ['command not found', { exitCode: 127 }],
    ['killed by a signal', { exitCode: null, signal: 'SIGKILL' }],
  ])('calls %s a crash', (_name, over) => {
    expect(buildTestReport(outcome(over), null, { roots: [] }).crashed).toBe(true);
  });

  it('marks a timeout as crashed and timed out', () => {
    const report = buildTestReport(
      outcome({ exitCode: null, signal: 'SIGKILL', timedOut: true, durationMs: 60_000 }),
      null,
      { roots: [] },
    );
    expect(report).toMatchObject({ crashed: true, timedOut: true, totals: { errored: 1, total: 1 } });
    expect(report.tests[0]?.message).toBe('the test command timed out after 60 s and was stopped');
  });

  it('calls a parsed report without any test and a failing exit a crash', () => {
    expect(buildTestReport(outcome({ exitCode: 1 }), { tests: [] }, { roots: [] }).crashed).toBe(true);
    expect(
      buildTestReport(outcome({ exitCode: 2 }), { tests: [testCase('a::b', 'errored')], crashed: true }, { roots: [] })
        .crashed,
    ).toBe(true);
  });

  it('keeps the end of long output and marks the cut', () => {
    const stdout = `${'x'.repeat(50)}\n${'y'.repeat(20)}\nlast line`;
    const report = buildTestReport(outcome({ stdout }), null, { roots: [], tailChars: 25 });
    expect(report.outputTail).toBe('[… 56 earlier characters cut]\nlast line');
  });
});
