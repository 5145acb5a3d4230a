import { describe, expect, it } from 'vitest';
import { detectFlakyTests } from '../../../src/core/testing/detect-flaky-tests.ts';
import { rerunForFlakiness } from '../../../src/core/testing/rerun-for-flakiness.ts';
import type { TestReport, TestRunner, TestSelection } from '../../../src/ports/test-runner.ts';
import { report, testCase } from './report-builders.ts';

const runs = [
  report([
    testCase('a::solid', 'passed'),
    testCase('a::flaky', 'passed'),
    testCase('a::broken', 'failed'),
    testCase('a::vanishing', 'passed'),
  ]),
  report([testCase('a::solid', 'passed'), testCase('a::flaky', 'failed'), testCase('a::broken', 'errored')]),
  report([
    testCase('a::solid', 'passed'),
    testCase('a::flaky', 'passed'),
    testCase('a::broken', 'failed'),
    testCase('a::vanishing', 'skipped'),
  ]),
];

describe('detectFlakyTests', () => {
  it('calls a test flaky when it does not pass in every run', () => {
    expect(detectFlakyTests(runs)).toEqual({
      entries: [
        { id: 'a::solid', runs: 3, passed: 3, failed: 0, missing: 0, verdict: 'stable' },
        { id: 'a::flaky', runs: 3, passed: 2, failed: 1, missing: 0, verdict: 'flaky' },
        { id: 'a::broken', runs: 3, passed: 0, failed: 3, missing: 0, verdict: 'flaky' },
        { id: 'a::vanishing', runs: 3, passed: 1, failed: 0, missing: 2, verdict: 'flaky' },
      ],
      flaky: ['a::flaky', 'a::broken', 'a::vanishing'],
      stable: ['a::solid'],
    });
  });

  it('judges only the given tests, and nothing is stable without runs', () => {
    expect(detectFlakyTests(runs, ['a::solid', 'a::never-ran']).flaky).toEqual(['a::never-ran']);
    expect(detectFlakyTests([], ['a::x']).flaky).toEqual(['a::x']);
  });
});

describe('rerunForFlakiness', () => {
  it('reruns the given tests N times, one after the other', async () => {
    const selections: TestSelection[] = [];
    let active = 0;
    const runner: TestRunner = {
      command: { runner: 'vitest', command: 'npm test', reason: 'test' },
      async run(selection?: TestSelection): Promise<TestReport> {
        active += 1;
        expect(active).toBe(1);
        selections.push(selection ?? {});
        await new Promise((resolve) => setImmediate(resolve));
        active -= 1;
        return runs[selections.length - 1] as TestReport;
      },
    };
    const result = await rerunForFlakiness(runner, ['a::solid', 'a::flaky'], 3);
    expect(selections).toEqual([
      { tests: ['a::solid', 'a::flaky'] },
      { tests: ['a::solid', 'a::flaky'] },
      { tests: ['a::solid', 'a::flaky'] },
    ]);
    expect(result.flaky).toEqual(['a::flaky']);
    expect(result.stable).toEqual(['a::solid']);
    expect(result.reports).toHaveLength(3);
  });
});
