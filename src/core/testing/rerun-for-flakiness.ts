import type { TestReport, TestRunner } from '../../ports/test-runner.ts';
import { detectFlakyTests, type FlakinessResult } from './detect-flaky-tests.ts';

/**
 * Run the given tests `reruns` times, one run after the other (parallel runs would
 * hide order-dependent failures and compete for the sandbox), and judge them.
 */
export async function rerunForFlakiness(
  runner: TestRunner,
  tests: readonly string[],
  reruns: number,
): Promise<FlakinessResult & { reports: TestReport[] }> {
  const reports: TestReport[] = [];
  for (let i = 0; i < reruns; i += 1) reports.push(await runner.run({ tests: [...tests] }));
  return { ...detectFlakyTests(reports, tests), reports };
}
