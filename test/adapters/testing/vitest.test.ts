import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeReport } from '../../../src/core/loop/judge-report.ts';
import { compareToBaseline } from '../../../src/core/testing/compare-to-baseline.ts';
import { BUGGY_LINE, CART_TEST, CART_TS, FORGING_CONFIG } from '../../fixtures/repos/shop-repo.ts';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

const MATH_TEST = `import { describe, expect, it } from 'vitest';
import { add } from './math.js';
describe('math', () => {
  it('adds', () => { expect(add(1, 2)).toBe(3); });
  it('fails', () => { expect(add(1, 2)).toBe(4); });
  it('errors', () => { null.x; });
  it.skip('skipped', () => {});
  it('times out', async () => { await new Promise((r) => setTimeout(r, 1000)); }, 100);
});
`;

describe('vitest adapter (real project)', () => {
  let project: Project;
  let fixture: RunnerFixture;

  beforeAll(async () => {
    project = createProject(
      {
        'package.json': JSON.stringify({ name: 'p', type: 'module', scripts: { test: 'vitest run' } }),
        'package-lock.json': '{}',
        'src/math.js': 'export const add = (a, b) => a + b;\n',
        'src/math.test.js': MATH_TEST,
        'src/other.js': 'export const one = () => 1;\n',
        'src/other.test.js': `import { expect, it } from 'vitest';\nimport { one } from './other.js';\nit('one', () => { expect(one()).toBe(1); });\n`,
        'src/broken.test.js': `import { nope } from './missing.js';\nimport { it } from 'vitest';\nit('never', () => {});\n`,
      },
      ['vitest'],
    );
    fixture = await runnerFor(project);
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
  });

  it('detects npm test running vitest', () => {
    expect(fixture.runner.command).toEqual({
      runner: 'vitest',
      command: 'npm test',
      reason: 'using `npm test` from package.json (package-lock.json → npm); the script `vitest run`: it runs vitest',
      installHint: 'npm ci',
    });
  });

  it('runs the suite and reads the JSON reporter into an exact report', async () => {
    const report = await fixture.runner.run();
    expect(stable(report)).toEqual({
      runner: 'vitest',
      command: 'npm test -- --run --reporter=default --reporter=json --outputFile.json=<reports>/vitest.json',
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
          message: "Cannot find module './missing.js' imported from src/broken.test.js",
        },
        { id: 'src/math.test.js::math > adds', name: 'math > adds', file: 'src/math.test.js', status: 'passed' },
        {
          id: 'src/math.test.js::math > fails',
          name: 'math > fails',
          file: 'src/math.test.js',
          status: 'failed',
          message: 'AssertionError: expected 3 to be 4 // Object.is equality',
          stack: 'at src/math.test.js:5:41',
          line: 5,
        },
        {
          id: 'src/math.test.js::math > errors',
          name: 'math > errors',
          file: 'src/math.test.js',
          status: 'failed',
          message: "TypeError: Cannot read properties of null (reading 'x')",
          stack: 'at src/math.test.js:6:29',
          line: 6,
        },
        { id: 'src/math.test.js::math > skipped', name: 'math > skipped', file: 'src/math.test.js', status: 'skipped' },
        {
          id: 'src/math.test.js::math > times out',
          name: 'math > times out',
          file: 'src/math.test.js',
          status: 'failed',
          message:
            'TestTimeoutError: Test timed out in 100ms.\nIf this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout".',
          stack: 'at src/math.test.js:8:3',
          line: 8,
        },
        { id: 'src/other.test.js::one', name: 'one', file: 'src/other.test.js', status: 'passed' },
      ],
    });
    expect(report.outputTail).toContain('Test Files  2 failed | 1 passed (3)');
    expect(report.outputTail).not.toContain(project.root);
  });

  it('runs the tests related to changed files with vitest related', async () => {
    const report = await fixture.runner.run({ changedFiles: ['src/other.js'] });
    expect(report.command).toMatch(
      /^npx vitest related src\/other\.js --run --reporter=default --reporter=json --outputFile\.json=\S+\/vitest\.json$/,
    );
    expect(report.scope).toBe('related');
    // vitest cannot see the imports of a file that fails to load, so it runs that file too.
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([
      ['src/broken.test.js::(file)', 'errored'],
      ['src/other.test.js::one', 'passed'],
    ]);
  });

  it('runs named tests by file', async () => {
    const report = await fixture.runner.run({ tests: ['src/other.test.js::one'] });
    expect(report.scope).toBe('tests');
    expect(report.command).toMatch(/ src\/other\.test\.js$/);
    expect(report.tests.map((t) => t.id)).toEqual(['src/other.test.js::one']);
  });
});

describe('vitest adapter: a report the code under test rewrote (docs/security.md §28)', () => {
  it('is caught by the runner’s own summary and the exit code, and never judged passing', async () => {
    const project = createProject(
      {
        'package.json': JSON.stringify({ name: 'p', type: 'module', scripts: { test: 'vitest run' } }),
        'src/cart.ts': CART_TS.replace('line.price * line.qty', BUGGY_LINE.replace('sum + ', '')),
        'test/cart.test.ts': CART_TEST,
        'vitest.config.ts': FORGING_CONFIG,
      },
      ['vitest'],
    );
    const fixture = await runnerFor(project);
    try {
      const report = await fixture.runner.run();
      // The forged report and exit code alone would read as a green run.
      expect(report.exitCode).toBe(0);
      expect(report.totals).toMatchObject({ failed: 0, errored: 0, passed: 5 });
      expect(report.disagreements).toEqual([
        "the command exited 0 although vitest's own summary counts 4 failing test(s)",
        "vitest's own summary counts 4 failing test(s), but its machine-readable report lists 0",
      ]);
      const baseline = { ...report, disagreements: [] };
      const verdict = judgeReport(report, compareToBaseline(baseline, report), {
        baseline,
        mustFixBaselineFailures: false,
      });
      expect(verdict).toMatch(/^the test report cannot be trusted: the command exited 0 although/);
    } finally {
      await fixture.close();
      project.remove();
    }
  });
});
