import { describe, expect, it } from 'vitest';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { detectTestCommand, type ProjectFacts } from '../../../src/core/testing/detect-test-command.ts';
import type { TestPlan } from '../../../src/core/testing/test-plan.ts';

/** Project facts from a map of path → text (null: the file exists, its text is not read). */
function facts(files: Record<string, string | null>, configCommand?: string): ProjectFacts {
  const texts: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) if (text !== null) texts[path] = text;
  return { files: Object.keys(files), texts, configCommand };
}

const pkg = (value: Record<string, unknown>) => JSON.stringify(value);
const PLACEHOLDER = 'echo "Error: no test specified" && exit 1';

type Expected = Pick<TestPlan, 'runner' | 'command' | 'source' | 'append'> & Partial<TestPlan>;

describe('detectTestCommand', () => {
  it.each<[string, ProjectFacts, Expected]>([
    [
      'config command wins over the test script',
      facts({ 'package.json': pkg({ scripts: { test: 'vitest run' } }) }, 'make check'),
      {
        runner: 'generic',
        command: 'make check',
        source: 'config',
        append: null,
        reason:
          'using `make check` from .github/greenlight.yml (tests.command); results come from its exit code and output (and any JUnit XML it writes to $GREENLIGHT_REPORT_DIR)',
      },
    ],
    [
      'config naming a runner directly',
      facts({}, 'npx vitest run --project unit'),
      { runner: 'vitest', command: 'npx vitest run --project unit', source: 'config', append: 'direct', script: null },
    ],
    [
      'config naming a package script',
      facts(
        { 'package.json': pkg({ scripts: { 'test:unit': 'jest --ci' } }), 'yarn.lock': null },
        'yarn run test:unit',
      ),
      {
        runner: 'jest',
        command: 'yarn run test:unit',
        source: 'config',
        append: 'direct',
        script: 'test:unit',
        client: 'yarn',
      },
    ],
    [
      'config running pytest through a script',
      facts({}, 'tox -e py && pytest'),
      { runner: 'pytest', command: 'tox -e py && pytest', source: 'config', append: null, invocation: null },
    ],
    [
      'npm test script, npm by lockfile',
      facts({ 'package.json': pkg({ scripts: { test: 'vitest run' } }), 'package-lock.json': null }),
      {
        runner: 'vitest',
        command: 'npm test',
        source: 'package-script',
        append: 'after-separator',
        client: 'npm',
        script: 'test',
        body: 'vitest run',
        lifecycleHooks: false,
        reason: 'using `npm test` from package.json (package-lock.json → npm); the script `vitest run`: it runs vitest',
        invocation: { runner: 'vitest', env: [], launcher: [], program: ['vitest'], args: ['run'] },
      },
    ],
    [
      'pnpm by lockfile',
      facts({ 'package.json': pkg({ scripts: { test: 'jest' } }), 'pnpm-lock.yaml': null }),
      { runner: 'jest', command: 'pnpm test', source: 'package-script', append: 'direct', client: 'pnpm' },
    ],
    [
      'yarn by lockfile',
      facts({ 'package.json': pkg({ scripts: { test: 'mocha' } }), 'yarn.lock': null }),
      { runner: 'mocha', command: 'yarn test', source: 'package-script', append: 'direct', client: 'yarn' },
    ],
    [
      'bun runs the script, not its own runner',
      facts({ 'package.json': pkg({ scripts: { test: 'node --test' } }), 'bun.lockb': null }),
      { runner: 'node-test', command: 'bun run test', source: 'package-script', append: 'direct', client: 'bun' },
    ],
    [
      'packageManager field without a lockfile',
      facts({ 'package.json': pkg({ packageManager: 'pnpm@9.1.0', scripts: { test: 'vitest' } }) }),
      {
        runner: 'vitest',
        command: 'pnpm test',
        source: 'package-script',
        append: 'direct',
        client: 'pnpm',
        reason:
          'using `pnpm test` from package.json (packageManager pnpm@9.1.0 → pnpm); the script `vitest`: it runs vitest',
      },
    ],
    [
      'script that is not a single runner command',
      facts({ 'package.json': pkg({ scripts: { test: 'tsc && vitest run' } }) }),
      {
        runner: 'generic',
        command: 'npm test',
        source: 'package-script',
        append: null,
        reason:
          'using `npm test` from package.json (no lockfile → npm); the script `tsc && vitest run`: it is not a single vitest command, so no reporter can be added safely: results come from its exit code and output',
      },
    ],
    [
      'compound script that runs node --test',
      facts({ 'package.json': pkg({ scripts: { test: 'tsc && node --test dist/' } }) }),
      { runner: 'node-test', command: 'npm test', source: 'package-script', append: null, invocation: null },
    ],
    [
      'pretest hook is remembered',
      facts({ 'package.json': pkg({ scripts: { pretest: 'tsc', test: 'vitest run' } }) }),
      {
        runner: 'vitest',
        command: 'npm test',
        source: 'package-script',
        append: 'after-separator',
        lifecycleHooks: true,
      },
    ],
    [
      'npm placeholder ignored, vitest dependency',
      facts({ 'package.json': pkg({ scripts: { test: PLACEHOLDER }, devDependencies: { vitest: '^5' } }) }),
      {
        runner: 'vitest',
        command: 'npx vitest run',
        source: 'detected',
        append: 'direct',
        reason: 'using `npx vitest run`: no test script in package.json, vitest is a dependency in package.json',
      },
    ],
    [
      'jest config file, pnpm',
      facts({ 'package.json': pkg({}), 'jest.config.ts': null, 'pnpm-lock.yaml': null }),
      {
        runner: 'jest',
        command: 'pnpm exec jest',
        source: 'detected',
        append: 'direct',
        reason: 'using `pnpm exec jest`: no test script in package.json, jest.config.ts found',
      },
    ],
    [
      'jest section in package.json',
      facts({ 'package.json': pkg({ jest: { testEnvironment: 'node' } }) }),
      { runner: 'jest', command: 'npx jest', source: 'detected', append: 'direct' },
    ],
    [
      'vitest config before jest dependency',
      facts({ 'package.json': pkg({ devDependencies: { jest: '^29' } }), 'vitest.config.mts': null }),
      { runner: 'vitest', command: 'npx vitest run', source: 'detected', append: 'direct' },
    ],
    [
      '.mocharc',
      facts({ 'package.json': pkg({}), '.mocharc.yml': null }),
      { runner: 'mocha', command: 'npx mocha', source: 'detected', append: 'direct' },
    ],
    [
      'node:test files',
      facts({ 'package.json': pkg({}), 'src/a.js': null, 'test/a.test.mjs': null }),
      {
        runner: 'node-test',
        command: 'node --test',
        source: 'detected',
        append: 'direct',
        reason:
          'using `node --test`: no test script in package.json, test files such as test/a.test.mjs and no test runner dependency',
      },
    ],
    [
      'pytest in pyproject.toml',
      facts({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n' }),
      {
        runner: 'pytest',
        command: 'python3 -m pytest',
        source: 'detected',
        append: 'direct',
        reason: 'using `python3 -m pytest`: pytest configuration in pyproject.toml',
      },
    ],
    [
      'pytest section in setup.cfg',
      facts({ 'setup.cfg': '[metadata]\nname = x\n[tool:pytest]\ntestpaths = tests\n' }),
      {
        runner: 'pytest',
        command: 'python3 -m pytest',
        source: 'detected',
        append: 'direct',
        reason: 'using `python3 -m pytest`: pytest configuration in setup.cfg',
      },
    ],
    [
      'pytest section in tox.ini',
      facts({ 'tox.ini': '[tox]\nenvlist = py311\n[pytest]\naddopts = -q\n' }),
      {
        runner: 'pytest',
        command: 'python3 -m pytest',
        source: 'detected',
        append: 'direct',
        reason: 'using `python3 -m pytest`: pytest configuration in tox.ini',
      },
    ],
    [
      'conftest.py',
      facts({ 'src/app.py': null, 'tests/conftest.py': null }),
      {
        runner: 'pytest',
        command: 'python3 -m pytest',
        source: 'detected',
        append: 'direct',
        reason: 'using `python3 -m pytest`: tests/conftest.py found',
      },
    ],
    [
      'Python test files only',
      facts({ 'pyproject.toml': '[project]\nname = "x"\n', 'app/core_test.py': null }),
      {
        runner: 'pytest',
        command: 'python3 -m pytest',
        source: 'detected',
        append: 'direct',
        reason: 'using `python3 -m pytest`: Python test files such as app/core_test.py',
      },
    ],
    [
      'a JavaScript project without tests falls through to pytest',
      facts({ 'package.json': pkg({ scripts: { build: 'tsc' } }), 'pytest.ini': null }),
      { runner: 'pytest', command: 'python3 -m pytest', source: 'detected', append: 'direct' },
    ],
    [
      'go.mod',
      facts({ 'go.mod': 'module example.com/x\n', 'x_test.go': null }),
      {
        runner: 'go',
        command: 'go test ./...',
        source: 'detected',
        append: 'direct',
        reason: 'using `go test ./...`: go.mod found',
      },
    ],
    [
      'Cargo.toml',
      facts({ 'Cargo.toml': '[package]\nname = "x"\n' }),
      {
        runner: 'cargo',
        command: 'cargo test',
        source: 'detected',
        append: 'direct',
        reason: 'using `cargo test`: Cargo.toml found',
      },
    ],
    [
      'Makefile test target',
      facts({ Makefile: 'build:\n\tcc x.c\n\ntest: build\n\t./run-tests\n' }),
      {
        runner: 'generic',
        command: 'make test',
        source: 'detected',
        append: null,
        reason: 'using `make test`: Makefile has a test target',
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(detectTestCommand(input)).toMatchObject(expected);
  });

  it('ignores a Makefile variable named test', () => {
    expect(() => detectTestCommand(facts({ Makefile: 'test := unit\nall:\n\techo\n' }))).toThrow(
      /No test command found/,
    );
  });

  it('fails with no-test-command listing everything it looked for', () => {
    let error: unknown;
    try {
      detectTestCommand(facts({ 'README.md': null, 'src/index.js': null }));
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'no-test-command')).toBe(true);
    expect((error as Error).message).toBe(
      'No test command found. greenlight looked for: tests.command in .github/greenlight.yml; a "test" script in package.json ' +
        '(npm\'s "no test specified" placeholder does not count); vitest, jest or mocha config files or dependencies, node:test files ' +
        '(*.test.js, test/**); pytest configuration (pytest.ini, pyproject.toml, setup.cfg, tox.ini), conftest.py or test_*.py files; ' +
        'go.mod; Cargo.toml; a Makefile with a test target. Set tests.command in .github/greenlight.yml (for example `command: npm test` under `tests:`, and `directory: backend` to run it in a subdirectory).',
    );
  });

  it('says when package.json could not be parsed', () => {
    expect(() => detectTestCommand(facts({ 'package.json': '{ "scripts": ' }))).toThrow(
      /package\.json is not valid JSON/,
    );
  });
});
