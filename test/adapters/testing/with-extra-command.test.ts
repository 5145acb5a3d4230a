import { describe, expect, it } from 'vitest';
import { withExtraCommand } from '../../../src/adapters/testing/with-extra-command.ts';
import { SUITE_ID } from '../../../src/core/testing/build-test-report.ts';
import type { TestReport, TestRunner, TestSelection } from '../../../src/ports/test-runner.ts';
import { report, testCase } from '../../core/testing/report-builders.ts';

describe('withExtraCommand', () => {
  function runner(command: string, answers: TestReport[]): TestRunner & { calls: (TestSelection | undefined)[] } {
    const calls: (TestSelection | undefined)[] = [];
    return {
      command: { runner: 'vitest', command, reason: `using \`${command}\`` },
      calls,
      run: async (selection) => {
        calls.push(selection);
        return answers.shift() ?? report([]);
      },
    };
  }

  it('runs the CI command with every full run, and never with a subset', async () => {
    const main = runner('npm test', [report([testCase('a::a', 'passed')]), report([testCase('a::a', 'passed')])]);
    const extra = runner('npx vitest run', [report([testCase('b::b', 'failed')], { command: 'npx vitest run' })]);
    const tests = withExtraCommand(main, extra);
    expect(tests.command.reason).toBe(
      "using `npm test`; with every full run, also the failing CI step's `npx vitest run`",
    );
    expect((await tests.run()).tests.map((t) => t.id)).toEqual(['a::a', 'b::b']);
    expect((await tests.run({ changedFiles: ['src/a.ts'] })).tests.map((t) => t.id)).toEqual(['a::a']);
    expect(extra.calls).toHaveLength(1);
  });

  it('drops a CI command that cannot run here (exit 127), with a note, instead of failing every run', async () => {
    const main = runner('npm test', [report([testCase('a::a', 'passed')]), report([testCase('a::a', 'passed')])]);
    const extra = runner('cargo test', [report([testCase(SUITE_ID, 'errored')], { exitCode: 127, crashed: true })]);
    const tests = withExtraCommand(main, extra);
    const first = await tests.run();
    expect(first.crashed).toBe(false);
    expect(first.notes).toEqual([
      'the CI command `cargo test` cannot run here (exit code 127); only `npm test` is run',
    ]);
    await tests.run();
    expect(extra.calls).toHaveLength(1);
  });
});
