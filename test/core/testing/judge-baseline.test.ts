import { describe, expect, it } from 'vitest';
import { judgeBaseline } from '../../../src/core/testing/judge-baseline.ts';
import type { TestReport } from '../../../src/ports/test-runner.ts';
import { report, testCase } from './report-builders.ts';

const suite = (status: 'passed' | 'failed' | 'errored', message = '') => testCase('(suite)', status, { message });
const generate = { allowNoTests: false, mode: 'generate' as const };

function crashed(outputTail: string, extra: Partial<TestReport> = {}): TestReport {
  return report([suite('errored')], { crashed: true, structured: false, exitCode: 1, outputTail, ...extra });
}

describe('judgeBaseline', () => {
  it.each<[string, TestReport, string, string | null]>([
    [
      'dash: a client that is not installed',
      crashed('sh: 1: pnpm: not found', { command: 'pnpm test', exitCode: 127 }),
      'not-found',
      'pnpm',
    ],
    [
      'bash: a runner binary that is not installed',
      crashed('bash: line 1: vitest: command not found', { exitCode: 127 }),
      'not-found',
      'vitest',
    ],
    [
      'env: a shebang whose interpreter is missing',
      crashed("env: 'python': No such file or directory", { exitCode: 127 }),
      'not-found',
      'python',
    ],
    [
      'a script that is not executable',
      crashed('sh: 1: ./run-tests.sh: Permission denied', { exitCode: 126 }),
      'not-executable',
      './run-tests.sh',
    ],
    [
      'python without pytest',
      crashed('/usr/bin/python3: No module named pytest', { runner: 'pytest' }),
      'missing-dependency',
      'pytest',
    ],
    [
      'node without vitest in node_modules',
      crashed("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'vitest' imported from /w/vitest.config.ts"),
      'missing-dependency',
      'vitest',
    ],
    [
      'a run stopped by the time limit',
      crashed('', { timedOut: true, exitCode: null, durationMs: 900_000 }),
      'timed-out',
      null,
    ],
    [
      'a run killed by a sandbox limit',
      crashed('', { exitCode: null, notes: ['the sandbox stopped the run: memory limit reached'] }),
      'killed',
      null,
    ],
    [
      'pytest collected nothing (exit 5)',
      report([], { runner: 'pytest', exitCode: 5, crashed: true }),
      'no-tests',
      null,
    ],
    ['vitest found no test files', crashed('No test files found, exiting with code 1'), 'no-tests', null],
    ['jest found no tests', crashed('No tests found, exiting with code 1'), 'no-tests', null],
    ['a structured run with no tests at all', report([], { exitCode: 0 }), 'no-tests', null],
    [
      'a crash before any test ran (a broken config)',
      crashed('SyntaxError: Unexpected token in vitest.config.ts'),
      'crashed',
      null,
    ],
    [
      'pytest: a collection error, no test ran',
      report([testCase('tests/test_a.py::tests.test_a', 'errored')], { runner: 'pytest', exitCode: 2, crashed: true }),
      'crashed',
      null,
    ],
  ])('%s', (_name, baseline, kind, missing) => {
    const problem = judgeBaseline(baseline, generate);
    expect(problem?.kind).toBe(kind);
    expect(problem?.missing).toBe(missing);
  });

  it.each<[string, TestReport]>([
    ['all passing', report([testCase('a.test.ts::a', 'passed')])],
    [
      'failures that predate the change',
      report([testCase('a.test.ts::a', 'failed'), testCase('a.test.ts::b', 'passed')]),
    ],
    ['an unstructured command that passed', report([suite('passed')], { structured: false })],
    [
      'an unstructured command that failed',
      report([suite('failed', 'exit code 1')], { structured: false, exitCode: 1 }),
    ],
  ])('accepts a baseline that ran: %s', (_name, baseline) => {
    expect(judgeBaseline(baseline, generate)).toBeNull();
  });

  it('says what happened in one line', () => {
    expect(judgeBaseline(crashed('sh: 1: pnpm: not found', { command: 'pnpm test', exitCode: 127 }), generate)).toEqual(
      {
        kind: 'not-found',
        missing: 'pnpm',
        summary: '`pnpm test` could not start: pnpm was not found (exit code 127)',
        outputTail: 'sh: 1: pnpm: not found',
      },
    );
  });

  it('accepts no tests when tests.allowNoTests says the project has none yet', () => {
    expect(judgeBaseline(report([], { exitCode: 0 }), { ...generate, allowNoTests: true })).toBeNull();
  });

  it('lets a fix run start on a suite that crashes in the code, but never on a missing program', () => {
    const fix = { allowNoTests: false, mode: 'fix' as const };
    expect(judgeBaseline(crashed('SyntaxError: Unexpected token (src/a.ts:3)'), fix)).toBeNull();
    expect(judgeBaseline(crashed('sh: 1: pnpm: not found', { exitCode: 127 }), fix)?.kind).toBe('not-found');
    expect(judgeBaseline(crashed('No tests found, exiting with code 1'), fix)?.kind).toBe('no-tests');
  });
});
