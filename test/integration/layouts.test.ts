/**
 * `runJob` on repository layouts met in the wild, built here as real git repositories:
 * a pnpm project without pnpm, an npm-workspaces monorepo, a Python package in backend/
 * beside a JavaScript frontend, a pure-Python pytest project. The engine must choose the
 * right command and run it where it belongs, or stop in preflight with zero model calls
 * and the message the README documents. The real sandbox and runners; the Anthropic API
 * mocked over HTTP.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { create, endTurn, mockAnthropic, tools } from './anthropic-script.ts';
import { calcRepo, engineEnv, runOn } from './job-harness.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';

const haveBwrap = await requireTool('bwrap');
const havePytest = await requireTool('pytest');
beforeEach((test) => skipWithout(test, haveBwrap, 'bubblewrap'));

/** The engine's PATH here: this Node, then the system's — no pnpm, no pyenv shims (their HOME is not the sandbox's). */
const SYSTEM_PATH = `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;
const env = () => engineEnv({ PATH: SYSTEM_PATH });
const GREENLIGHT_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const VITEST_ADD = `import { expect, test } from 'vitest';
import { add } from '../src/calc.js';

test('add adds two numbers', () => {
  expect(add(2, 3)).toBe(5);
});
`;
const VITEST_CLAMP = `import { expect, test } from 'vitest';
import { clamp } from '../src/calc.js';

test('clamp keeps values inside the range', () => {
  expect(clamp(5, 0, 10)).toBe(5);
});
`;

/** unjs/defu's shape: pnpm by lockfile and packageManager; the test script lints first. */
function pnpmProject(installed: boolean) {
  const repo = calcRepo({
    files: {
      'package.json': json({
        name: 'calc',
        type: 'module',
        packageManager: 'pnpm@9.15.0',
        scripts: { lint: 'eslint src', test: 'pnpm lint && vitest run' },
        devDependencies: { vitest: '^5.0.0' },
      }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'test/add.test.js': VITEST_ADD,
    },
  });
  if (installed) {
    // Installed dependencies, as a workflow's install step leaves them (node_modules is ignored).
    mkdirSync(join(repo.root, 'node_modules'));
    symlinkSync(join(GREENLIGHT_MODULES, '.bin'), join(repo.root, 'node_modules/.bin'));
    symlinkSync(join(GREENLIGHT_MODULES, 'vitest'), join(repo.root, 'node_modules/vitest'));
  }
  return repo;
}

describe('a pnpm project without pnpm on the PATH', () => {
  it('runs vitest from node_modules/.bin, its test step alone, and verifies the change', async () => {
    const repo = pnpmProject(true);
    const api = mockAnthropic([tools(create('test/clamp.test.js', VITEST_CLAMP)), endTurn()]);

    // The fixture's node_modules links into greenlight's own, outside the workspace; the
    // sandbox shows only the tool directories on the engine's PATH, so that one goes on it.
    const { result } = await runOn(repo, {}, engineEnv({ PATH: `${SYSTEM_PATH}:${join(GREENLIGHT_MODULES, '.bin')}` }));

    expect(result.testCommandReason).toMatch(
      /^using `node_modules\/\.bin\/vitest run`: the test script `pnpm lint && vitest run` in package\.json also runs `pnpm lint`, which check the code but are not tests; and it needs pnpm \(pnpm-lock\.yaml → pnpm\), but pnpm is not on the PATH/,
    );
    expect(result.outcome.kind).toBe('succeeded');
    expect(result.outcome.report.testCommand).toBe('node_modules/.bin/vitest run');
    expect(result.outcome.report.verification?.newTests).toEqual([
      'test/clamp.test.js::clamp keeps values inside the range',
    ]);
    expect(api.bodies).toHaveLength(2);
  });

  it('without installed dependencies: stops in preflight, with zero model calls and the install line to add', async () => {
    const repo = pnpmProject(false);
    const api = mockAnthropic([]);

    const { result, progress } = await runOn(repo, {}, env());

    expect(api.bodies).toEqual([]);
    expect(result.outcome.kind).toBe('refused');
    if (result.outcome.kind !== 'refused') return;
    expect(result.costUsd).toBe(0);
    expect(result.outcome.preflight).toMatchObject({ kind: 'not-found', missing: 'node_modules/.bin/vitest' });
    expect(result.outcome.reason).toContain(
      'The tests could not run before any change, so greenlight stopped before its first model call: nothing was spent. ' +
        '`node_modules/.bin/vitest run` could not start: node_modules/.bin/vitest was not found (exit code 127).',
    );
    expect(result.outcome.reason).toContain(
      '```yaml\ntests:\n  installCommand: npx --yes pnpm@9.15.0 install --frozen-lockfile\n```',
    );
    expect(result.reportMarkdown).toMatch(/^## greenlight: stopped before the first model call/);
    expect(progress.last?.steps.baseline.state).toBe('failed');
  });
});

describe('an npm-workspaces monorepo', () => {
  it('runs the tests of the package the task names, from that package, and reports repository paths', async () => {
    const repo = calcRepo({
      files: {
        'package.json': json({ private: true, workspaces: ['packages/*'], scripts: { test: 'npm test --workspaces' } }),
        'package-lock.json': json({ lockfileVersion: 3 }),
        'src/calc.js': null,
        'test/add.test.js': null,
        'packages/calc/package.json': json({ name: 'calc', type: 'module', scripts: { test: 'node --test' } }),
        'packages/calc/src/calc.js':
          'export const add = (a, b) => a + b;\nexport const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);\n',
        'packages/calc/test/add.test.js':
          "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from '../src/calc.js';\n\ntest('add adds', () => assert.equal(add(2, 3), 5));\n",
        // Browser tests that cannot run here: running them would fail the baseline.
        'packages/web/package.json': json({ name: 'web', scripts: { test: 'echo "needs a browser" && exit 1' } }),
      },
    });
    const clamp =
      "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { clamp } from '../src/calc.js';\n\ntest('clamp raises values below min', () => assert.equal(clamp(-1, 0, 10), 0));\n";
    mockAnthropic([tools(create('packages/calc/test/clamp.test.js', clamp)), endTurn()]);

    const { result } = await runOn(
      repo,
      { title: 'Add tests for clamp', body: 'Cover `clamp` in packages/calc/src/calc.js.' },
      env(),
    );

    expect(result.testCommandReason).toBe(
      'using `npm test` from packages/calc/package.json (package-lock.json → npm); the script `node --test`: it runs node:test — ' +
        'in packages/calc/: the task concerns packages/calc/ (the task names packages/calc/src/calc.js; ' +
        "3 of the context's top 10 files are there)",
    );
    expect(result.outcome.kind).toBe('succeeded');
    expect(result.outcome.report.tests.baseline).toMatchObject({ passed: 1, failed: 0 });
    expect(result.outcome.report.verification?.newTests).toEqual([
      'packages/calc/test/clamp.test.js::clamp raises values below min',
    ]);
    expect(result.reportMarkdown).toContain(
      'New tests: `packages/calc/test/clamp.test.js::clamp raises values below min`.',
    );
  });
});

const CALC_PY =
  'def add(a, b):\n    return a + b\n\n\ndef clamp(value, low, high):\n    return min(max(value, low), high)\n';
const TEST_ADD_PY = 'from app.calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n';
const TEST_CLAMP_PY =
  'from app.calc import clamp\n\n\ndef test_clamp_raises_low_values():\n    assert clamp(-1, 0, 10) == 0\n';
const PYPROJECT = '[project]\nname = "app"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n';

describe('a Python package in backend/ beside a JavaScript frontend', () => {
  it("runs pytest in backend/ for a backend task, not the frontend's browser tests", async (test) => {
    skipWithout(test, havePytest, 'pytest');
    const repo = calcRepo({
      files: {
        'package.json': json({
          private: true,
          workspaces: ['frontend'],
          scripts: { test: 'npm test --workspace frontend' },
        }),
        'package-lock.json': json({ lockfileVersion: 3 }),
        'src/calc.js': null,
        'test/add.test.js': null,
        'frontend/package.json': json({ name: 'frontend', scripts: { test: 'playwright test' } }),
        'frontend/tests/login.spec.ts': "import { test } from '@playwright/test';\ntest('login', async () => {});\n",
        'backend/pyproject.toml': PYPROJECT,
        'backend/app/__init__.py': '',
        'backend/app/calc.py': CALC_PY,
        'backend/tests/__init__.py': '',
        'backend/tests/test_calc.py': TEST_ADD_PY,
      },
    });
    mockAnthropic([tools(create('backend/tests/test_clamp.py', TEST_CLAMP_PY)), endTurn()]);

    const { result } = await runOn(
      repo,
      { title: 'Test clamp', body: 'Add a test for `clamp` in backend/app/calc.py.' },
      env(),
    );

    expect(result.testCommandReason).toMatch(
      /^using `python3 -m pytest`: pytest configuration in backend\/pyproject\.toml — in backend\/: the task concerns backend\/ \(the task names backend\/app\/calc\.py/,
    );
    expect(result.outcome.kind).toBe('succeeded');
    expect(result.outcome.report.testCommand).toBe('python3 -m pytest');
    expect(result.outcome.report.tests.baseline).toMatchObject({ passed: 1, failed: 0 });
    expect(result.outcome.report.verification?.newTests).toEqual([
      'backend/tests/test_clamp.py::test_clamp_raises_low_values',
    ]);
  });
});

describe('a pure-Python pytest project', () => {
  const pythonOnly = (extra: Record<string, string | null> = {}) =>
    calcRepo({
      files: {
        'package.json': null,
        'src/calc.js': null,
        'test/add.test.js': null,
        'pyproject.toml': PYPROJECT,
        'app/__init__.py': '',
        'app/calc.py': CALC_PY,
        'tests/__init__.py': '',
        'tests/test_calc.py': TEST_ADD_PY,
        ...extra,
      },
    });

  it('runs python3 -m pytest at the root', async (test) => {
    skipWithout(test, havePytest, 'pytest');
    const repo = pythonOnly();
    mockAnthropic([tools(create('tests/test_clamp.py', TEST_CLAMP_PY)), endTurn()]);

    const { result } = await runOn(repo, { title: 'Test clamp', body: 'Add a test for `clamp`.' }, env());

    expect(result.testCommandReason).toBe('using `python3 -m pytest`: pytest configuration in pyproject.toml');
    expect(result.outcome.kind).toBe('succeeded');
    expect(result.outcome.report.verification?.newTests).toEqual(['tests/test_clamp.py::test_clamp_raises_low_values']);
  });

  it('a suite that collects no tests stops in preflight, with zero model calls and the lines to add', async (test) => {
    skipWithout(test, havePytest, 'pytest');
    const repo = pythonOnly({ 'tests/test_calc.py': null, 'tests/conftest.py': '' });
    const api = mockAnthropic([]);

    const { result } = await runOn(repo, { title: 'Test clamp', body: 'Add a test for `clamp`.' }, env());

    expect(api.bodies).toEqual([]);
    expect(result.outcome.kind === 'refused' && result.outcome.preflight?.kind).toBe('no-tests');
    expect(result.reportMarkdown).toContain('`python3 -m pytest` ran but found no tests.');
    expect(result.reportMarkdown).toContain('```yaml\ntests:\n  allowNoTests: true\n```');
  });
});
