import { afterEach, describe, expect, it } from 'vitest';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

describe('generic adapter (real commands)', () => {
  let project: Project | undefined;
  let fixture: RunnerFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    project?.remove();
  });

  it('reads JUnit XML a custom command writes to $GREENLIGHT_REPORT_DIR', async () => {
    project = createProject({
      'run-tests.sh': `cat > "$GREENLIGHT_REPORT_DIR/results.xml" <<'XML'
<testsuites><testsuite name="suite">
  <testcase classname="checks" name="first" file="checks/first.sh" time="0.5"/>
  <testcase classname="checks" name="second" file="checks/second.sh"><failure message="wrong output">expected 2, got 3</failure></testcase>
</testsuite></testsuites>
XML
echo "1 of 2 checks failed"
exit 1
`,
    });
    fixture = await runnerFor(project, { command: 'sh run-tests.sh' });
    const report = await fixture.runner.run({ changedFiles: ['checks/second.sh'] });
    expect(stable(report)).toEqual({
      runner: 'generic',
      command: 'GREENLIGHT_REPORT_DIR=<reports> sh run-tests.sh',
      crashed: false,
      structured: true,
      exitCode: 1,
      timedOut: false,
      durationMs: 0,
      scope: 'all',
      outputTail: '<output>',
      notes: ['the test command has no known way to run a subset, so the whole suite ran'],
      totals: { passed: 1, failed: 1, errored: 0, skipped: 0, total: 2 },
      tests: [
        { id: 'checks/first.sh::first', name: 'first', file: 'checks/first.sh', status: 'passed' },
        {
          id: 'checks/second.sh::second',
          name: 'second',
          file: 'checks/second.sh',
          status: 'failed',
          message: 'wrong output\n\nexpected 2, got 3',
        },
      ],
    });
    expect(report.outputTail).toBe('1 of 2 checks failed');
  });

  it('falls back to exit code and output for `make test`', async () => {
    project = createProject({ Makefile: 'test:\n\t@echo "3 tests, 1 failure"\n\t@exit 2\n' });
    fixture = await runnerFor(project);
    expect(fixture.runner.command).toEqual({
      runner: 'generic',
      command: 'make test',
      reason: 'using `make test`: Makefile has a test target',
    });
    const report = await fixture.runner.run();
    expect(stable(report)).toMatchObject({
      structured: false,
      crashed: false,
      exitCode: 2,
      totals: { failed: 1, total: 1 },
      tests: [
        {
          id: '(suite)',
          name: 'test command',
          file: null,
          status: 'failed',
          message: expect.stringMatching(/^exit code 2\n3 tests, 1 failure\n/),
        },
      ],
      notes: ['no machine-readable test report: the result comes from the exit code and output'],
    });
  });

  it('does not let a passing report hide a failing exit code', async () => {
    project = createProject({
      'fake.sh': `echo '<testsuite><testcase classname="c" name="all good"/></testsuite>' > "$GREENLIGHT_REPORT_DIR/r.xml"\necho 'segfault' >&2\nexit 139\n`,
    });
    fixture = await runnerFor(project, { command: 'sh fake.sh' });
    const report = await fixture.runner.run();
    expect(report.totals).toEqual({ passed: 1, failed: 0, errored: 1, skipped: 0, total: 2 });
    expect(report.tests[1]).toMatchObject({
      id: '(suite)',
      status: 'errored',
      message: expect.stringContaining('exited with code 139 although no test failed'),
    });
  });
});
