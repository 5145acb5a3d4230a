import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

describe('jest adapter (real project)', () => {
  let project: Project;
  let fixture: RunnerFixture;

  beforeAll(async () => {
    project = createProject(
      {
        'package.json': JSON.stringify({ name: 'p', devDependencies: { jest: '*' } }),
        'src/math.js': 'exports.add = (a, b) => a + b;\n',
        'src/math.test.js': `const { add } = require('./math.js');
describe('math', () => {
  test('adds', () => { expect(add(1, 2)).toBe(3); });
  test('fails', () => { expect(add(1, 2)).toBe(4); });
  test('errors', () => { null.x; });
  test.skip('skipped', () => {});
  test('times out', async () => { await new Promise((r) => setTimeout(r, 1000)); }, 100);
});
`,
        'src/other.js': 'exports.one = () => 1;\n',
        'src/other.test.js': `const { one } = require('./other.js');\ntest('one', () => { expect(one()).toBe(1); });\n`,
        'src/broken.test.js': `require('./missing.js');\ntest('never', () => {});\n`,
      },
      ['jest'],
    );
    fixture = await runnerFor(project);
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
  });

  it('detects jest from the dependency when there is no test script', () => {
    expect(fixture.runner.command).toEqual({
      runner: 'jest',
      command: 'npx jest',
      reason: 'using `npx jest`: no test script in package.json, jest is a dependency in package.json',
      installHint: 'npm install',
    });
  });

  it('runs the suite and reads --json into an exact report', async () => {
    const report = await fixture.runner.run();
    const tests = stable(report).tests.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect({ ...stable(report), tests }).toEqual({
      runner: 'jest',
      command: 'npx jest --json --outputFile=<reports>/jest.json',
      crashed: false,
      structured: true,
      exitCode: 1,
      timedOut: false,
      durationMs: 0,
      scope: 'all',
      outputTail: '<output>',
      totals: { passed: 2, failed: 3, errored: 1, skipped: 1, total: 7 },
      tests: [
        {
          id: 'src/broken.test.js::(file)',
          name: '(file)',
          file: 'src/broken.test.js',
          status: 'errored',
          line: 1,
          message:
            "Cannot find module './missing.js' from 'src/broken.test.js'\n\n> 1 | require('./missing.js');\n    |                        ^\n  2 | test('never', () => {});\n  3 |",
          stack: 'at Object.<anonymous> (src/broken.test.js:1:24)',
        },
        { id: 'src/math.test.js::math > adds', name: 'math > adds', file: 'src/math.test.js', status: 'passed' },
        {
          id: 'src/math.test.js::math > errors',
          name: 'math > errors',
          file: 'src/math.test.js',
          status: 'failed',
          line: 5,
          message: "TypeError: Cannot read properties of null (reading 'x')",
          stack: 'at Object.x (src/math.test.js:5:31)',
        },
        {
          id: 'src/math.test.js::math > fails',
          name: 'math > fails',
          file: 'src/math.test.js',
          status: 'failed',
          line: 4,
          message: 'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 4\nReceived: 3',
          stack: 'at Object.toBe (src/math.test.js:4:43)',
        },
        { id: 'src/math.test.js::math > skipped', name: 'math > skipped', file: 'src/math.test.js', status: 'skipped' },
        {
          id: 'src/math.test.js::math > times out',
          name: 'math > times out',
          file: 'src/math.test.js',
          status: 'failed',
          line: 7,
          message:
            'Error: thrown: "Exceeded timeout of 100 ms for a test.\nAdd a timeout value to this test to increase the timeout, if this is a long-running test. See https://jestjs.io/docs/api#testname-fn-timeout."',
          stack: 'at test (src/math.test.js:7:3)\nat Object.describe (src/math.test.js:2:1)',
        },
        { id: 'src/other.test.js::one', name: 'one', file: 'src/other.test.js', status: 'passed' },
      ],
    });
  });

  it('runs the tests related to changed files with --findRelatedTests', async () => {
    const report = await fixture.runner.run({ changedFiles: ['src/other.js'] });
    expect(report.command).toMatch(/^npx jest --json --outputFile=\S+ --findRelatedTests src\/other\.js$/);
    expect(report).toMatchObject({ scope: 'related', exitCode: 0, crashed: false });
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([['src/other.test.js::one', 'passed']]);
  });

  it('runs named tests with --runTestsByPath', async () => {
    const report = await fixture.runner.run({ tests: ['src/other.test.js::one'] });
    expect(report.command).toMatch(/ --runTestsByPath src\/other\.test\.js$/);
    expect(report.tests.map((t) => t.id)).toEqual(['src/other.test.js::one']);
  });
});
