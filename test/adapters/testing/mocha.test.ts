import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

describe('mocha adapter (real project)', () => {
  let project: Project;
  let fixture: RunnerFixture;

  beforeAll(async () => {
    project = createProject(
      {
        'package.json': JSON.stringify({ name: 'p', scripts: { test: 'mocha' } }),
        'lib/calc.js': 'exports.add = (a, b) => a + b;\n',
        'test/calc.test.js': `const assert = require('node:assert');
const { add } = require('../lib/calc.js');
describe('calc', function () {
  it('adds', () => { assert.strictEqual(add(1, 2), 3); });
  it('fails', () => { assert.strictEqual(add(1, 2), 4); });
  it('errors', () => { null.x; });
  it.skip('skipped', () => {});
  it('times out', async function () { this.timeout(100); await new Promise((r) => setTimeout(r, 1000)); });
});
`,
        'test/hook.test.js': `describe('hooked', function () {\n  beforeEach(function () { throw new Error('hook boom'); });\n  it('never runs', function () {});\n});\n`,
      },
      ['mocha'],
    );
    fixture = await runnerFor(project);
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
  });

  it('runs the suite and reads the JSON reporter into an exact report', async () => {
    const report = await fixture.runner.run();
    expect(stable(report)).toEqual({
      runner: 'mocha',
      command: 'npm test -- --reporter json --reporter-option output=<reports>/mocha.json',
      crashed: false,
      structured: true,
      exitCode: 4,
      timedOut: false,
      durationMs: 0,
      scope: 'all',
      outputTail: '<output>',
      totals: { passed: 1, failed: 3, errored: 1, skipped: 1, total: 6 },
      tests: [
        { id: 'test/calc.test.js::calc adds', name: 'calc adds', file: 'test/calc.test.js', status: 'passed' },
        {
          id: 'test/calc.test.js::calc fails',
          name: 'calc fails',
          file: 'test/calc.test.js',
          status: 'failed',
          line: 5,
          message: 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n3 !== 4',
          stack: 'at Context.<anonymous> (test/calc.test.js:5:30)',
        },
        {
          id: 'test/calc.test.js::calc errors',
          name: 'calc errors',
          file: 'test/calc.test.js',
          status: 'failed',
          line: 6,
          message: "TypeError: Cannot read properties of null (reading 'x')",
          stack: 'at Context.<anonymous> (test/calc.test.js:6:29)',
        },
        { id: 'test/calc.test.js::calc skipped', name: 'calc skipped', file: 'test/calc.test.js', status: 'skipped' },
        {
          id: 'test/calc.test.js::calc times out',
          name: 'calc times out',
          file: 'test/calc.test.js',
          status: 'failed',
          message:
            'Error: Timeout of 100ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves. (test/calc.test.js)',
        },
        {
          id: 'test/hook.test.js::hooked "before each" hook for "never runs"',
          name: 'hooked "before each" hook for "never runs"',
          file: 'test/hook.test.js',
          status: 'errored',
          line: 2,
          message: 'Error: hook boom',
          stack: 'at Context.<anonymous> (test/hook.test.js:2:34)',
        },
      ],
    });
  });

  it('runs the test file named after a changed file', async () => {
    const report = await fixture.runner.run({ changedFiles: ['lib/calc.js'] });
    expect(report.command).toMatch(/ test\/calc\.test\.js$/);
    expect(report.scope).toBe('related');
    expect(report.tests.map((t) => t.file)).toEqual(Array(5).fill('test/calc.test.js'));
  });

  it('reports a file that stops mocha from running as a crash, from exit code and output', async () => {
    project.write('test/syntax.test.js', 'describe(\n');
    try {
      const report = await fixture.runner.run();
      expect(report).toMatchObject({ crashed: true, structured: false, totals: { errored: 1, total: 1 } });
      expect(report.tests[0]?.message).toMatch(/^the test command could not run \(exit code 1\)\n/);
      expect(report.outputTail).toContain('SyntaxError');
      expect(report.notes).toEqual(['no machine-readable test report: the result comes from the exit code and output']);
    } finally {
      project.write('test/syntax.test.js', '');
    }
  });
});
