/**
 * Test-command resolution on the layouts of real repositories (their manifests as
 * they are): what is installed is checked, scripts that also lint run their test step
 * alone, and the package the task concerns is the one whose tests run.
 */
import { describe, expect, it } from 'vitest';
import { detectTestCommand, type ProjectFacts } from '../../../src/core/testing/detect-test-command.ts';
import { splitScriptSteps, splitTestScript } from '../../../src/core/testing/split-test-script.ts';
import type { ToolFacts } from '../../../src/core/testing/tool-facts.ts';

function tools(overrides: Partial<ToolFacts> = {}): ToolFacts {
  return {
    onPath: new Set(['node', 'npm', 'npx', 'python3', 'corepack']),
    unusable: new Map(),
    corepack: new Set(),
    bins: new Map(),
    venvs: new Map(),
    ...overrides,
  };
}

function facts(files: Record<string, string | null>, extra: Partial<ProjectFacts> = {}): ProjectFacts {
  const texts: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) if (text !== null) texts[path] = text;
  return { files: Object.keys(files).sort(), texts, ...extra };
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** unjs/defu: pnpm by lockfile and packageManager; the test script lints and type-checks first. */
const DEFU = {
  'package.json': json({
    name: 'defu',
    packageManager: 'pnpm@10.33.0',
    scripts: {
      lint: 'oxlint src && oxfmt --check src test',
      test: 'pnpm lint && pnpm test:types && pnpm vitest run',
      'test:types': 'tsgo --noEmit',
    },
    devDependencies: { vitest: '^4.1.2' },
  }),
  'pnpm-lock.yaml': null,
  'src/defu.ts': null,
  'test/defu.test.ts': null,
};

describe('a pnpm project (unjs/defu)', () => {
  it('without pnpm on the PATH and no corepack cache: runs vitest from node_modules/.bin, and says why', () => {
    const plan = detectTestCommand(
      facts(DEFU, { tools: tools({ bins: new Map([['', new Set(['vitest', 'oxlint'])]]) }) }),
    );
    expect(plan).toMatchObject({
      runner: 'vitest',
      command: 'node_modules/.bin/vitest run',
      directory: '',
      append: 'direct',
      // pnpm is missing where the install runs too: npx starts the version packageManager pins
      installHint: 'npx --yes pnpm@10.33.0 install --frozen-lockfile',
    });
    expect(plan.reason).toBe(
      'using `node_modules/.bin/vitest run`: the test script `pnpm lint && pnpm test:types && pnpm vitest run` in package.json ' +
        'also runs `pnpm lint`, `pnpm test:types`, which check the code but are not tests; and it needs pnpm (pnpm-lock.yaml → pnpm), ' +
        'but pnpm is not on the PATH, and corepack cannot provide it offline in the sandbox (no network; pass COREPACK_HOME with a cached copy through sandbox.env), ' +
        'so greenlight runs its vitest step alone, from node_modules/.bin',
    );
  });

  it('with pnpm on the PATH: still runs only the test step, with pnpm', () => {
    const plan = detectTestCommand(facts(DEFU, { tools: tools({ onPath: new Set(['node', 'pnpm']) }) }));
    expect(plan).toMatchObject({ runner: 'vitest', command: 'pnpm vitest run', append: 'direct' });
    expect(plan.reason).toContain(
      'which check the code but are not tests, so greenlight runs its vitest step alone, with `pnpm`',
    );
  });

  it('the install line uses the client itself when it is on the PATH, and npx when it is not', () => {
    expect(
      detectTestCommand(facts(DEFU, { tools: tools({ onPath: new Set(['node', 'npx', 'pnpm']) }) })),
    ).toMatchObject({
      installHint: 'pnpm install --frozen-lockfile',
    });
    const yarn = {
      'package.json': json({ scripts: { test: 'jest' } }),
      'yarn.lock': null,
      'test/a.test.js': null,
    };
    expect(detectTestCommand(facts(yarn, { tools: tools() }))).toMatchObject({
      installHint: 'npx --yes yarn install --frozen-lockfile',
    });
    // Without npx either, the line names the client: the refusal's other fix (install it in the workflow) applies.
    expect(detectTestCommand(facts(yarn, { tools: tools({ onPath: new Set(['node']) }) }))).toMatchObject({
      installHint: 'yarn install --frozen-lockfile',
    });
  });

  it('without pnpm and without installed dependencies: says that this cannot run yet', () => {
    const plan = detectTestCommand(facts(DEFU, { tools: tools() }));
    expect(plan.command).toBe('node_modules/.bin/vitest run');
    expect(plan.reason).toMatch(
      /node_modules\/\.bin\/vitest is not there either: the dependencies are not installed, so this cannot run until they are$/,
    );
    expect(plan.blocked).toBe('the dependencies are not installed (node_modules/.bin/vitest is missing)');
  });

  it('says why a plan cannot run as things are (blocked), and nothing when it can', () => {
    const withBins = tools({ bins: new Map([['', new Set(['vitest'])]]) });
    expect(detectTestCommand(facts(DEFU, { tools: withBins })).blocked).toBeUndefined();
    const bunOnly = facts({
      'package.json': json({ scripts: { test: 'bun run --filter frontend test' } }),
      'bun.lock': null,
    });
    expect(detectTestCommand({ ...bunOnly, tools: tools() }).blocked).toBe('bun is not on the PATH');
    const goModule = facts({ 'go.mod': 'module x\n', 'x_test.go': null });
    expect(detectTestCommand({ ...goModule, tools: tools() }).blocked).toBe('go is not on the PATH');
    expect(detectTestCommand({ ...goModule, tools: tools({ onPath: new Set(['go']) }) }).blocked).toBeUndefined();
    const pytest = facts({ 'pytest.ini': '[pytest]\n', 'test_a.py': null });
    expect(detectTestCommand({ ...pytest, tools: tools({ onPath: new Set(['node']) }) }).blocked).toBe(
      'neither python3 nor python is on the PATH',
    );
    expect(detectTestCommand({ ...pytest, tools: tools() }).blocked).toBeUndefined();
  });

  it('a pnpm on the PATH that is a corepack shim without a cache counts as missing', () => {
    const plan = detectTestCommand(
      facts(
        { 'package.json': json({ scripts: { test: 'vitest run' } }), 'pnpm-lock.yaml': null },
        {
          tools: tools({
            onPath: new Set(['pnpm', 'corepack']),
            unusable: new Map([['pnpm', 'is a corepack shim, and corepack cannot download pnpm in the sandbox']]),
            bins: new Map([['', new Set(['vitest'])]]),
          }),
        },
      ),
    );
    expect(plan.command).toBe('node_modules/.bin/vitest run');
    expect(plan.reason).toContain('but pnpm on the PATH is a corepack shim');
    // The script is one runner command: nothing is left out, vitest simply runs without pnpm.
    expect(plan.reason).toContain('so greenlight runs vitest directly, from node_modules/.bin');
  });

  it('corepack with a cache the sandbox sees runs the script through corepack', () => {
    const plan = detectTestCommand(
      facts(
        {
          'package.json': json({ packageManager: 'pnpm@9.1.0', scripts: { test: 'vitest run' } }),
          'pnpm-lock.yaml': null,
        },
        { tools: tools({ corepack: new Set(['pnpm']) }) },
      ),
    );
    expect(plan).toMatchObject({ command: 'corepack pnpm test', script: 'test', runner: 'vitest' });
    expect(plan.reason).toContain('pnpm through corepack');
  });

  it('tests.command always wins, installed or not', () => {
    const plan = detectTestCommand(facts(DEFU, { configCommand: 'pnpm test', tools: tools() }));
    expect(plan).toMatchObject({ command: 'pnpm test', source: 'config', script: 'test', directory: '' });
  });

  it('tests.directory runs tests.command in a subdirectory', () => {
    const plan = detectTestCommand(
      facts({ 'backend/pyproject.toml': '' }, { configCommand: 'python -m pytest -q', configDirectory: 'backend' }),
    );
    expect(plan).toMatchObject({ command: 'python -m pytest -q', directory: 'backend', runner: 'pytest' });
    expect(plan.reason).toBe(
      'using `python -m pytest -q` from .github/greenlight.yml (tests.command) in backend/ (tests.directory); it runs pytest',
    );
  });
});

/** An npm-workspaces monorepo: the root runs every workspace; each package has its own runner. */
const NPM_WORKSPACES = {
  'package.json': json({ private: true, workspaces: ['packages/*'], scripts: { test: 'npm test --workspaces' } }),
  'package-lock.json': null,
  'packages/api/package.json': json({ name: 'api', scripts: { test: 'jest' }, devDependencies: { jest: '^29' } }),
  'packages/api/src/server.ts': null,
  'packages/api/test/server.test.ts': null,
  'packages/web/package.json': json({ name: 'web', scripts: { test: 'vitest run' } }),
  'packages/web/src/app.ts': null,
  'packages/web/src/app.test.ts': null,
  'test/fixtures/other/package.json': json({ scripts: { test: 'exit 1' } }),
};

describe('an npm-workspaces monorepo', () => {
  it('runs the tests of the package the task names, from that package', () => {
    const plan = detectTestCommand(
      facts(NPM_WORKSPACES, { tools: tools(), hints: { named: ['packages/api/src/server.ts'], ranked: [] } }),
    );
    expect(plan).toMatchObject({
      runner: 'jest',
      command: 'npm test',
      directory: 'packages/api',
      installHint: 'npm ci',
    });
    expect(plan.reason).toBe(
      'using `npm test` from packages/api/package.json (package-lock.json → npm); the script `jest`: it runs jest — ' +
        'in packages/api/: the task concerns packages/api/ (the task names packages/api/src/server.ts)',
    );
  });

  it("follows the context's top files when the task names no path", () => {
    const plan = detectTestCommand(
      facts(NPM_WORKSPACES, {
        tools: tools(),
        hints: { named: [], ranked: ['packages/web/src/app.ts', 'packages/web/src/app.test.ts', 'package.json'] },
      }),
    );
    expect(plan).toMatchObject({ runner: 'vitest', command: 'npm test', directory: 'packages/web' });
    expect(plan.reason).toContain("the task concerns packages/web/ (2 of the context's top 10 files are there)");
  });

  it('runs the root script without hints, and never a fixture that looks like a package', () => {
    const plan = detectTestCommand(facts(NPM_WORKSPACES, { tools: tools() }));
    expect(plan).toMatchObject({ command: 'npm test', directory: '', runner: 'generic' });
    const fixture = detectTestCommand(
      facts(NPM_WORKSPACES, { hints: { named: ['test/fixtures/other/package.json'], ranked: [] } }),
    );
    expect(fixture.directory).toBe('');
  });
});

/** fastapi/full-stack-fastapi-template: a Python backend, a JS frontend with browser tests, a root package.json. */
const FASTAPI = {
  'package.json': json({
    private: true,
    workspaces: ['frontend', 'packages/*'],
    scripts: { test: 'bun run --filter frontend test' },
  }),
  'bun.lock': null,
  'pyproject.toml': '[tool.uv.workspace]\nmembers = ["backend"]\n',
  'uv.lock': null,
  'backend/pyproject.toml': '[project]\nname = "app"\n\n[dependency-groups]\ndev = ["pytest<10.0.0,>=7.4.3"]\n',
  'backend/app/__init__.py': null,
  'backend/app/crud.py': null,
  'backend/tests/__init__.py': null,
  'backend/tests/conftest.py': null,
  'backend/tests/crud/test_user.py': null,
  'frontend/package.json': json({ scripts: { test: 'bunx playwright test' } }),
  'frontend/tests/login.spec.ts': null,
};

describe('a Python package in backend/ beside a JS frontend (fastapi template)', () => {
  it('a backend task runs pytest in backend/', () => {
    const plan = detectTestCommand(
      facts(FASTAPI, { tools: tools(), hints: { named: ['app/crud.py', 'tests/crud/test_user.py'], ranked: [] } }),
    );
    expect(plan).toMatchObject({
      runner: 'pytest',
      command: 'python3 -m pytest',
      directory: 'backend',
      installHint: 'cd backend && python3 -m pip install -e . pytest',
    });
    expect(plan.reason).toBe(
      'using `python3 -m pytest`: backend/tests/conftest.py found — in backend/: the task concerns backend/ ' +
        '(the task names backend/app/crud.py, backend/tests/crud/test_user.py)',
    );
  });

  it("uses the project's virtualenv when there is one", () => {
    const plan = detectTestCommand(
      facts(FASTAPI, {
        tools: tools({ venvs: new Map([['', '.venv/bin/python']]) }),
        hints: { named: ['backend/app/crud.py'], ranked: [] },
      }),
    );
    expect(plan.command).toBe('../.venv/bin/python -m pytest');
    expect(plan.reason).toContain("the project's virtualenv (.venv/bin/python) has the interpreter");
  });

  it('a frontend task runs the frontend script', () => {
    const plan = detectTestCommand(
      facts(FASTAPI, {
        tools: tools({ onPath: new Set(['bun']) }),
        hints: { named: ['frontend/src/login.tsx'], ranked: [] },
      }),
    );
    // frontend/src/login.tsx does not exist: named paths that match nothing are ignored, so the root decides
    expect(plan).toMatchObject({ command: 'bun run test', directory: '' });
    const frontend = detectTestCommand(
      facts(FASTAPI, {
        tools: tools({ onPath: new Set(['bun']) }),
        hints: { named: ['frontend/tests/login.spec.ts'], ranked: [] },
      }),
    );
    expect(frontend).toMatchObject({ command: 'bun run test', directory: 'frontend' });
  });
});

describe('a pure-Python pytest project', () => {
  const CLICK = {
    'pyproject.toml': '[project]\nname = "click"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
    'src/click/core.py': null,
    'tests/conftest.py': null,
    'tests/test_basic.py': null,
    'docs/conf.py': null,
  };

  it('runs python3 -m pytest at the root', () => {
    expect(detectTestCommand(facts(CLICK, { tools: tools() }))).toMatchObject({
      command: 'python3 -m pytest',
      directory: '',
      reason: 'using `python3 -m pytest`: pytest configuration in pyproject.toml',
      installHint: 'python3 -m pip install -e . pytest',
    });
  });

  it('falls back to python when there is no python3, and says when there is neither', () => {
    expect(detectTestCommand(facts(CLICK, { tools: tools({ onPath: new Set(['python']) }) })).command).toBe(
      'python -m pytest',
    );
    expect(detectTestCommand(facts(CLICK, { tools: tools({ onPath: new Set() }) })).reason).toContain(
      'neither python3 nor python is on the PATH',
    );
  });

  it('a Python project only in a subdirectory runs there even without hints', () => {
    const plan = detectTestCommand(
      facts({
        'README.md': null,
        'service/pyproject.toml': '[project]\nname = "s"\n',
        'service/tests/test_a.py': null,
      }),
    );
    expect(plan).toMatchObject({ command: 'python3 -m pytest', directory: 'service' });
    expect(plan.reason).toContain('nothing closer to the task has tests of its own; service/ has 1 test file');
  });
});

describe('a pnpm monorepo whose root runs every package (vuejs/core)', () => {
  it('runs the root vitest for a task in a package without tests of its own', () => {
    const plan = detectTestCommand(
      facts(
        {
          'package.json': json({ scripts: { test: 'vitest' }, devDependencies: { vitest: '^3' } }),
          'pnpm-lock.yaml': null,
          'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - 'packages-private/*'\n\ncatalog:\n  x: 1\n",
          'vitest.config.ts': null,
          'packages/reactivity/package.json': json({ name: '@vue/reactivity' }),
          'packages/reactivity/src/effect.ts': null,
          'packages/reactivity/__tests__/effect.spec.ts': null,
          'packages/reactivity/test/helper.test.js': null,
        },
        {
          tools: tools({ onPath: new Set(['pnpm']) }),
          hints: { named: ['packages/reactivity/src/effect.ts'], ranked: [] },
        },
      ),
    );
    expect(plan).toMatchObject({ command: 'pnpm test', directory: '', runner: 'vitest' });
  });
});

describe('a pnpm monorepo whose test script calls other test scripts (vitejs/vite)', () => {
  const VITE = {
    'package.json': json({
      scripts: {
        test: 'pnpm test-unit && pnpm test-serve',
        'test-unit': 'vitest run',
        'test-serve': 'vitest run -c vitest.config.e2e.ts',
      },
    }),
    'pnpm-lock.yaml': null,
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/vite/package.json': json({ name: 'vite' }),
    'packages/vite/src/node/server/index.ts': null,
  };

  it('with pnpm: the script as it is', () => {
    expect(detectTestCommand(facts(VITE, { tools: tools({ onPath: new Set(['pnpm']) }) })).command).toBe('pnpm test');
  });

  it('without pnpm: its first test step, from node_modules/.bin, naming what is left out', () => {
    const plan = detectTestCommand(facts(VITE, { tools: tools({ bins: new Map([['', new Set(['vitest'])]]) }) }));
    expect(plan).toMatchObject({ command: 'node_modules/.bin/vitest run', runner: 'vitest' });
    expect(plan.reason).toContain('its other steps (`pnpm test-serve`) cannot run without pnpm and are left out');
  });
});

describe('splitTestScript', () => {
  it.each<[string, string[] | null]>([
    ['pnpm lint && vitest run', ['pnpm lint', 'vitest run']],
    ['tsc --noEmit; jest', ['tsc --noEmit', 'jest']],
    ["eslint '**/*.ts' && mocha", ["eslint '**/*.ts'", 'mocha']],
    ['jest || true', null],
    ['cat x | jest', null],
    ['(cd a && jest)', null],
  ])('%s', (body, steps) => {
    expect(splitScriptSteps(body)).toEqual(steps);
  });

  it.each<[string, string]>([
    ['pnpm lint', 'check'],
    ['npm run typecheck', 'check'],
    ['tsc --noEmit -p .', 'check'],
    ['tsc', 'other'],
    ['npm run build', 'other'],
    ['npx eslint .', 'check'],
    ['vitest run --typecheck', 'runner'],
    ['pnpm vitest run', 'runner'],
    ['node scripts/serve.js', 'other'],
    ['pnpm test-unit', 'runner'],
  ])('%s is a %s step', (step, kind) => {
    expect(splitTestScript(step, { lint: 'eslint .', build: 'tsc -b', 'test-unit': 'vitest run' })?.[0]?.kind).toBe(
      kind,
    );
  });
});
