/**
 * A TestRunner whose whole-suite runs also run a second command — in a CI repair, the
 * failing CI step's plain test invocation (docs/architecture.md "CI repair") — and
 * report both as one (`mergeTestReports`). Runs of a subset (related tests, named
 * tests) stay with the repository's command, which knows how to select. When the second
 * command cannot run here at all (exit 126 or 127: no such program), it is dropped for
 * the rest of the run, with a note, instead of failing every run.
 */
import { mergeTestReports } from '../../core/testing/merge-test-reports.ts';
import type { TestReport, TestRunner, TestSelection } from '../../ports/test-runner.ts';

/**
 * @example
 * const tests = withExtraCommand(await createTestRunner(…), await createTestRunner({ …, config: { tests: { command: 'npx vitest run' } } }));
 */
export function withExtraCommand<T extends TestRunner>(main: T, extra: TestRunner): T {
  let usable = true;
  const run = async (selection: TestSelection = {}): Promise<TestReport> => {
    const report = await main.run(selection);
    const subset = (selection.tests?.length ?? 0) > 0 || (selection.changedFiles?.length ?? 0) > 0;
    if (subset || !usable) return report;
    const second = await extra.run();
    if (second.exitCode === 126 || second.exitCode === 127) {
      usable = false;
      const note = `the CI command \`${extra.command.command}\` cannot run here (exit code ${second.exitCode}); only \`${main.command.command}\` is run`;
      return { ...report, notes: [...(report.notes ?? []), note] };
    }
    return mergeTestReports(report, second);
  };
  return {
    ...main,
    command: {
      ...main.command,
      reason: `${main.command.reason}; with every full run, also the failing CI step's \`${extra.command.command}\``,
    },
    run,
  };
}
