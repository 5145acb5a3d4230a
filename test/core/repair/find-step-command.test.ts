import { describe, expect, it } from 'vitest';
import { findStepCommand } from '../../../src/core/repair/find-step-command.ts';

const WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm run lint
  test:
    name: unit tests
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - name: Tests
        run: npm test -- --coverage
      - run: |
          npx vitest run
          echo done
  e2e:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: e2e
    steps:
      - run: npm test
`;

describe('findStepCommand', () => {
  it('finds a named step of a matrix job by the job name GitHub shows', () => {
    expect(findStepCommand(WORKFLOW, 'unit tests (22)', 'Tests')).toBe('npm test -- --coverage');
  });

  it('finds an unnamed run step by the name GitHub gives it, in a job known by its id', () => {
    expect(findStepCommand(WORKFLOW, 'lint', 'Run npm run lint')).toBeNull(); // found, but lint is not a test
    expect(
      findStepCommand(WORKFLOW.replace('npm run lint', 'npm run test:lint'), 'lint', 'Run npm run test:lint'),
    ).toBe('npm run test:lint');
  });

  it('looks in every job when the job name does not match (an expression in `name:`)', () => {
    expect(findStepCommand(WORKFLOW, 'unit tests on ubuntu', 'Tests')).toBe('npm test -- --coverage');
  });

  it.each([
    ['a script of several lines', 'unit tests (20)', 'Run npx vitest run'],
    ['a step run in another directory', 'e2e', 'Run npm test'],
    ['a step that is not there', 'unit tests (20)', 'Deploy'],
    ['a uses step', 'lint', 'Run actions/checkout@v4'],
  ])('gives nothing for %s', (_what, job, step) => {
    expect(findStepCommand(WORKFLOW, job, step)).toBeNull();
  });

  it('gives nothing for a workflow that does not parse or has no jobs, or one that runs everything elsewhere', () => {
    expect(findStepCommand('jobs: [', 'test', 'Run npm test')).toBeNull();
    expect(findStepCommand('name: x\n', 'test', 'Run npm test')).toBeNull();
    const elsewhere = `defaults:\n  run:\n    working-directory: app\njobs:\n  test:\n    steps:\n      - run: npm test\n`;
    expect(findStepCommand(elsewhere, 'test', 'Run npm test')).toBeNull();
  });
});
