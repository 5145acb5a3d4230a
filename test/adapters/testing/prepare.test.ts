import { describe, expect, it } from 'vitest';
import { runnerAdapters } from '../../../src/adapters/testing/registry.ts';
import type { PreparedRun } from '../../../src/adapters/testing/runner-adapter.ts';
import { detectTestCommand } from '../../../src/core/testing/detect-test-command.ts';
import { RUNNER_IDS } from '../../../src/core/testing/test-plan.ts';
import type { TestSelection } from '../../../src/ports/test-runner.ts';

/** Prepare a run for a project described by path → text, as createTestRunner would. */
function prepare(files: Record<string, string>, selection: TestSelection, configCommand?: string): PreparedRun {
  const plan = detectTestCommand({ files: Object.keys(files), texts: files, configCommand });
  return runnerAdapters[plan.runner].prepare({
    plan,
    selection,
    reportDir: 'R',
    files: Object.keys(files),
    texts: files,
  });
}

const pkg = (scripts: Record<string, string>) => JSON.stringify({ scripts });
const GO = {
  'go.mod': 'module example.com/calc\n\ngo 1.24\n',
  'calc.go': '',
  'calc_test.go': '',
  'parse/parse.go': '',
  'README.md': '',
};

describe('runner adapters: command lines', () => {
  it('has an adapter for every runner id', () => {
    expect(Object.keys(runnerAdapters).sort()).toEqual([...RUNNER_IDS].sort());
    for (const id of RUNNER_IDS) expect(runnerAdapters[id].id).toBe(id);
  });

  it.each<[string, Record<string, string>, TestSelection, string | undefined, Partial<PreparedRun>]>([
    [
      'npm passes reporter flags after --',
      { 'package.json': pkg({ test: 'vitest' }) },
      {},
      undefined,
      { command: 'npm test -- --run --reporter=default --reporter=json --outputFile.json=R/vitest.json', scope: 'all' },
    ],
    [
      'pnpm passes them directly',
      { 'package.json': pkg({ test: 'jest --ci' }), 'pnpm-lock.yaml': '' },
      {},
      undefined,
      { command: 'pnpm test --json --outputFile=R/jest.json', scope: 'all' },
    ],
    [
      'vitest related starts the runner through the client when the script allows',
      { 'package.json': pkg({ test: 'CI=1 vitest run --silent' }), 'yarn.lock': '' },
      { changedFiles: ['src/a.ts'] },
      undefined,
      {
        command:
          'CI=1 yarn vitest related --silent src/a.ts --run --reporter=default --reporter=json --outputFile.json=R/vitest.json',
        scope: 'related',
      },
    ],
    [
      'vitest with a pretest hook narrows by test file instead of bypassing the script',
      { 'package.json': pkg({ pretest: 'tsc', test: 'vitest run' }), 'src/a.ts': '', 'src/a.test.ts': '' },
      { changedFiles: ['src/a.ts'] },
      undefined,
      {
        command: 'npm test -- --run --reporter=default --reporter=json --outputFile.json=R/vitest.json src/a.test.ts',
        scope: 'related',
        notes: [],
      },
    ],
    [
      'vitest with a pretest hook and no matching test runs everything',
      { 'package.json': pkg({ pretest: 'tsc', test: 'vitest run' }), 'src/a.ts': '' },
      { changedFiles: ['src/a.ts'] },
      undefined,
      {
        command: 'npm test -- --run --reporter=default --reporter=json --outputFile.json=R/vitest.json',
        scope: 'all',
        notes: ['no test file is named after the changed files, so the whole suite ran'],
      },
    ],
    [
      'mocha names unmatched changed files',
      { 'package.json': pkg({ test: 'mocha' }), 'lib/a.js': '', 'lib/b.js': '', 'test/a.test.js': '' },
      { changedFiles: ['lib/a.js', 'lib/b.js'] },
      undefined,
      {
        command: 'npm test -- --reporter json --reporter-option output=R/mocha.json test/a.test.js',
        scope: 'related',
        notes: ['no test file is named after lib/b.js: only the whole suite covers it'],
      },
    ],
    [
      'node:test cannot append files to a command that names its own',
      { 'package.json': pkg({ test: 'node --test test/' }), 'test/a.test.js': '' },
      { tests: ['test/a.test.js::a'] },
      undefined,
      {
        command: 'npm test',
        scope: 'all',
        notes: ['the test command cannot be narrowed safely, so the whole suite ran'],
        env: {
          NODE_OPTIONS:
            '--test-reporter=junit --test-reporter-destination=R/node-test.xml --test-reporter=spec --test-reporter-destination=stdout',
        },
      },
    ],
    [
      'pytest gets its options through the environment even inside compound commands',
      {},
      { tests: ['tests/test_a.py::test_x'] },
      'tox -e py311 && pytest',
      {
        command: 'tox -e py311 && pytest',
        scope: 'all',
        notes: ['the test command cannot be narrowed safely, so the whole suite ran'],
        env: {
          PYTEST_ADDOPTS: '--junitxml=R/pytest.xml -o junit_family=xunit1 -p no:cacheprovider',
          PYTHONDONTWRITEBYTECODE: '1',
        },
      },
    ],
    [
      'pytest reruns an errored file by its path',
      { 'pytest.ini': '' },
      { tests: ['tests/test_a.py::(file)', 'tests/test_b.py::TestX::test_y[1]'] },
      undefined,
      { command: `python3 -m pytest tests/test_a.py 'tests/test_b.py::TestX::test_y[1]'`, scope: 'tests' },
    ],
    ['go test adds -json', GO, {}, undefined, { command: 'go test ./... -json', scope: 'all' }],
    [
      'go test runs the packages of changed Go files',
      GO,
      { changedFiles: ['parse/parse.go', 'calc.go', 'README.md'] },
      undefined,
      { command: 'go test ./parse/... . -json', scope: 'related' },
    ],
    [
      'go test keeps its flags and runs named tests with -run',
      GO,
      { tests: ['.::TestAdd', 'parse::TestParse/empty', 'parse::(package)'] },
      'go test -race ./...',
      { command: `go test -race -run '^(TestAdd|TestParse)$' . ./parse -json`, scope: 'tests' },
    ],
    [
      'go test without Go changes runs everything',
      GO,
      { changedFiles: ['README.md'] },
      undefined,
      { command: 'go test ./... -json', scope: 'all', notes: ['no Go file changed, so the whole suite ran'] },
    ],
    [
      'cargo keeps libtest arguments after --',
      { 'Cargo.toml': '' },
      { tests: ['src/lib.rs::tests::adds'] },
      'cargo test --workspace -- --nocapture',
      { command: 'cargo test --workspace --no-fail-fast -- --nocapture --exact tests::adds 2>&1', scope: 'tests' },
    ],
    [
      'cargo has no related mode',
      { 'Cargo.toml': '' },
      { changedFiles: ['src/lib.rs'] },
      undefined,
      {
        command: 'cargo test --no-fail-fast 2>&1',
        scope: 'all',
        notes: ['cargo has no related-tests mode, so the whole suite ran'],
      },
    ],
    [
      'node:test with its own reporter gets none added (node would refuse the mix)',
      { 'package.json': pkg({ test: 'node --test --test-reporter=dot' }) },
      {},
      undefined,
      {
        command: 'npm test',
        env: {},
        reportRequested: false,
        notes: ['the test command chooses its own node:test reporter, so greenlight cannot add one'],
      },
    ],
    [
      'pytest with its own --junitxml keeps it (the command line wins over PYTEST_ADDOPTS)',
      {},
      {},
      'pytest --junitxml=out/junit.xml',
      {
        command: 'pytest --junitxml=out/junit.xml',
        reportRequested: false,
        env: { PYTEST_ADDOPTS: '-p no:cacheprovider', PYTHONDONTWRITEBYTECODE: '1' },
        notes: ['the test command writes its own --junitxml report, so results come from the exit code and output'],
      },
    ],
    [
      'a script that is not a single command runs as it is',
      { 'package.json': pkg({ test: 'tsc && vitest run' }) },
      { changedFiles: ['a.ts'] },
      undefined,
      {
        command: 'npm test',
        scope: 'all',
        env: { GREENLIGHT_REPORT_DIR: 'R' },
        notes: ['the test command has no known way to run a subset, so the whole suite ran'],
      },
    ],
  ])('%s', (_name, files, selection, configCommand, expected) => {
    expect(prepare(files, selection, configCommand)).toMatchObject(expected);
  });
});
