import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

describe('node:test adapter (real project)', () => {
  let project: Project;
  let fixture: RunnerFixture;

  beforeAll(async () => {
    project = createProject({
      'package.json': JSON.stringify({ name: 'p', scripts: { test: 'node --test' } }),
      'lib/calc.js': 'exports.add = (a, b) => a + b;\n',
      'test/calc.test.js': `const assert = require('node:assert');
const { describe, it } = require('node:test');
const { add } = require('../lib/calc.js');
describe('calc', () => {
  it('adds', () => { assert.strictEqual(add(1, 2), 3); });
  it('fails', () => { assert.strictEqual(add(1, 2), 4); });
  it('errors', () => { null.x; });
  it.skip('skipped', () => {});
  it('times out', { timeout: 100 }, async () => { await new Promise((r) => setTimeout(r, 1000)); });
});
`,
      'test/other.test.js': `const { test } = require('node:test');\ntest('other passes', () => {});\n`,
      'test/broken.test.js': `require('./missing.js');\n`,
    });
    fixture = await runnerFor(project);
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
  });

  it('runs the suite and reads the junit reporter (requested through NODE_OPTIONS) into an exact report', async () => {
    const report = await fixture.runner.run();
    expect(stable(report)).toEqual({
      runner: 'node-test',
      command: `NODE_OPTIONS='--test-reporter=junit --test-reporter-destination=<reports>/node-test.xml --test-reporter=spec --test-reporter-destination=stdout' npm test`,
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
          id: 'test/broken.test.js::(file)',
          name: '(file)',
          file: 'test/broken.test.js',
          status: 'errored',
          message: 'the test file failed to load or exited with an error (see the output)',
        },
        { id: 'test/calc.test.js::calc > adds', name: 'calc > adds', file: 'test/calc.test.js', status: 'passed' },
        {
          id: 'test/calc.test.js::calc > fails',
          name: 'calc > fails',
          file: 'test/calc.test.js',
          status: 'failed',
          line: 6,
          message: 'AssertionError: Expected values to be strictly equal:\n\n3 !== 4',
          stack: 'at TestContext.<anonymous> (test/calc.test.js:6:30)',
        },
        {
          id: 'test/calc.test.js::calc > errors',
          name: 'calc > errors',
          file: 'test/calc.test.js',
          status: 'failed',
          line: 7,
          message: "TypeError: Cannot read properties of null (reading 'x')",
          stack: 'at TestContext.<anonymous> (test/calc.test.js:7:29)',
        },
        {
          id: 'test/calc.test.js::calc > skipped',
          name: 'calc > skipped',
          file: 'test/calc.test.js',
          status: 'skipped',
        },
        {
          id: 'test/calc.test.js::calc > times out',
          name: 'calc > times out',
          file: 'test/calc.test.js',
          status: 'failed',
          message: 'test timed out after 100ms',
        },
        { id: 'test/other.test.js::other passes', name: 'other passes', file: 'test/other.test.js', status: 'passed' },
      ],
    });
    expect(report.outputTail).toContain("Error: Cannot find module './missing.js'");
  });

  it('runs named test files', async () => {
    const report = await fixture.runner.run({ tests: ['test/other.test.js::other passes'] });
    expect(report.command).toMatch(/ npm test -- test\/other\.test\.js$/);
    expect(report).toMatchObject({ scope: 'tests', exitCode: 0, totals: { passed: 1, total: 1 } });
  });

  it('stops a suite that outlives the time limit and reports it as timed out', async () => {
    const hanging = createProject({
      'package.json': JSON.stringify({ name: 'h', scripts: { test: 'node --test' } }),
      'test/hang.test.js': `const { test } = require('node:test');\ntest('hangs', { timeout: 60_000 }, () => new Promise((r) => setTimeout(r, 60_000)));\n`,
    });
    const slow = await runnerFor(hanging, { timeoutMs: 1500 });
    try {
      const report = await slow.runner.run();
      expect(stable(report)).toMatchObject({
        timedOut: true,
        crashed: true,
        structured: false,
        totals: { passed: 0, failed: 0, errored: 1, skipped: 0, total: 1 },
        tests: [
          {
            id: '(suite)',
            name: 'test command',
            file: null,
            status: 'errored',
            message: expect.stringMatching(/^the test command timed out after \d+ s and was stopped$/),
          },
        ],
      });
    } finally {
      await slow.close();
      hanging.remove();
    }
  });
});

describe("node:test adapter with the project's own reporter", () => {
  it('runs the command unchanged and reads exit code and output instead of crashing node', async () => {
    const project = createProject({
      'package.json': JSON.stringify({ name: 'r', scripts: { test: 'node --test --test-reporter=tap' } }),
      'test/a.test.js': `const { test } = require('node:test');\ntest('passes', () => {});\n`,
    });
    const fixture = await runnerFor(project);
    try {
      const report = await fixture.runner.run();
      expect(report).toMatchObject({
        command: 'npm test',
        structured: false,
        crashed: false,
        exitCode: 0,
        totals: { passed: 1, total: 1 },
        notes: [
          'the test command chooses its own node:test reporter, so greenlight cannot add one',
          'no machine-readable test report: the result comes from the exit code and output',
        ],
      });
      expect(report.outputTail).toContain('ok 1 - passes');
    } finally {
      await fixture.close();
      project.remove();
    }
  });
});
