// `greenlight init` on repository layouts built here (real git, real files): the workflow
// it writes passes the checks every shipped workflow passes, parses with the install
// steps that layout needs, its wiring checks are all ✓ — and ✗ once the config's label
// changes; a second run changes nothing; --dry-run writes nothing and its diff applies
// with patch(1) to exactly what init writes; --force; bad input.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCommand } from '../../src/cli/run-command.ts';
import { parseConfig } from '../../src/core/config/parse-config.ts';
import { expectGreenlightWorkflow, isGreenlight, type Step, type Workflow } from '../action/workflow-checks.ts';

const WORKFLOW = '.github/workflows/greenlight.yml';
const GATE = '.github/workflows/greenlight-gate.yml';
const CONFIG = '.github/greenlight.yml';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-init-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['commit', '-q', '-m', 'layout'], { cwd: dir });
}

const read = (path: string) => readFileSync(join(dir, path), 'utf8');

async function init(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(['init', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
    env: {},
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The steps of the job that holds the model key, between checkout and greenlight: the install. */
function installSteps(wf: Workflow): Step[] {
  const job = Object.values(wf.jobs).find((j) =>
    (j.steps ?? []).some((s) => isGreenlight(s.uses) && s.with?.['anthropic_api_key'] !== undefined),
  );
  const steps = job?.steps ?? [];
  const start = steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'));
  const end = steps.findIndex((s) => isGreenlight(s.uses));
  return steps.slice(start + 1, end);
}

const pkg = (fields: Record<string, unknown>) => JSON.stringify({ name: 'shop', version: '1.0.0', ...fields }, null, 2);

interface Layout {
  name: string;
  files: Record<string, string>;
  steps: Step[];
  testCommand: string;
}

const LAYOUTS: Layout[] = [
  {
    name: 'npm',
    files: {
      'package.json': pkg({ scripts: { test: 'node --test' } }),
      'package-lock.json': '{"lockfileVersion": 3}\n',
      'test/cart.test.js': "require('node:test');\n",
    },
    steps: [
      { uses: 'actions/setup-node@v4', with: { 'node-version': 24, cache: 'npm' } },
      { name: 'Install dependencies', run: 'npm ci' },
    ],
    testCommand: 'npm test',
  },
  {
    name: 'pnpm with packageManager',
    files: {
      'package.json': pkg({ packageManager: 'pnpm@9.12.0', scripts: { test: 'vitest run' } }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      '.nvmrc': '22\n',
    },
    steps: [
      { uses: 'pnpm/action-setup@v4' },
      { uses: 'actions/setup-node@v4', with: { 'node-version-file': '.nvmrc', cache: 'pnpm' } },
      { name: 'Install dependencies', run: 'pnpm install --frozen-lockfile' },
    ],
    testCommand: 'pnpm test',
  },
  {
    name: 'yarn (berry, through corepack)',
    files: {
      'package.json': pkg({ packageManager: 'yarn@4.5.0', scripts: { test: 'jest' } }),
      'yarn.lock': '__metadata:\n  version: 8\n',
      '.yarnrc.yml': 'nodeLinker: node-modules\n',
    },
    steps: [
      { name: 'Enable corepack', run: 'corepack enable' },
      { uses: 'actions/setup-node@v4', with: { 'node-version': 24, cache: 'yarn' } },
      { name: 'Install dependencies', run: 'yarn install --immutable' },
    ],
    testCommand: 'yarn test',
  },
  {
    name: 'yarn classic',
    files: { 'package.json': pkg({ scripts: { test: 'mocha' } }), 'yarn.lock': '# yarn lockfile v1\n' },
    steps: [
      { name: 'Enable corepack', run: 'corepack enable' },
      { uses: 'actions/setup-node@v4', with: { 'node-version': 24, cache: 'yarn' } },
      { name: 'Install dependencies', run: 'yarn install --frozen-lockfile' },
    ],
    testCommand: 'yarn test',
  },
  {
    name: 'bun',
    files: { 'package.json': pkg({ scripts: { test: 'bun test' } }), 'bun.lock': '{}\n' },
    steps: [{ uses: 'oven-sh/setup-bun@v2' }, { name: 'Install dependencies', run: 'bun install --frozen-lockfile' }],
    testCommand: 'bun run test',
  },
  {
    name: 'a Python package',
    files: {
      'pyproject.toml':
        '[project]\nname = "shop"\nversion = "1.0"\n\n[project.optional-dependencies]\ntest = ["pytest>=8"]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      'src/shop/__init__.py': '',
      'tests/test_cart.py': 'def test_total():\n    assert True\n',
      '.python-version': '3.12\n',
    },
    steps: [
      {
        uses: 'actions/setup-python@v5',
        with: { 'python-version-file': '.python-version', cache: 'pip', 'cache-dependency-path': 'pyproject.toml' },
      },
      {
        name: 'Install dependencies',
        run: "python -m pip install --upgrade pip\npython -m pip install -e '.[test]'",
      },
    ],
    testCommand: 'python3 -m pytest',
  },
  {
    name: 'Python with requirements that do not list pytest',
    files: { 'requirements.txt': 'flask==3.0\n', 'test_app.py': 'def test_app():\n    pass\n' },
    steps: [
      {
        uses: 'actions/setup-python@v5',
        with: { 'python-version': '3.x', cache: 'pip', 'cache-dependency-path': 'requirements.txt' },
      },
      {
        name: 'Install dependencies',
        run: 'python -m pip install --upgrade pip\npython -m pip install -r requirements.txt\npython -m pip install pytest',
      },
    ],
    testCommand: 'python3 -m pytest',
  },
  {
    name: 'a JS + Python monorepo',
    files: {
      'package.json': pkg({ scripts: { test: 'vitest run' } }),
      'package-lock.json': '{"lockfileVersion": 3}\n',
      'backend/pyproject.toml': '[project]\nname = "api"\nversion = "0.1"\ndependencies = ["fastapi", "pytest"]\n',
      'backend/tests/test_api.py': 'def test_api():\n    pass\n',
      // A folder name that would be an expression inside `run:` is never installed from.
      '${{ github.event.issue.title }}/setup.py': 'raise SystemExit\n',
    },
    steps: [
      { uses: 'actions/setup-node@v4', with: { 'node-version': 24, cache: 'npm' } },
      { name: 'Install dependencies', run: 'npm ci' },
      {
        uses: 'actions/setup-python@v5',
        with: { 'python-version': '3.x', cache: 'pip', 'cache-dependency-path': 'backend/pyproject.toml' },
      },
      {
        name: 'Install Python dependencies',
        run: 'python -m pip install --upgrade pip\npython -m pip install -e ./backend',
      },
    ],
    testCommand: 'npm test',
  },
];

describe('greenlight init on repository layouts', () => {
  it.each(LAYOUTS)('$name: writes workflows that pass the workflow checks, with its install steps', async (layout) => {
    write(layout.files);
    const result = await init();
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/created\s+\.github\/workflows\/greenlight\.yml/);
    expect(result.out).toContain(`Test command: ${layout.testCommand}`);

    const wf = expectGreenlightWorkflow(read(WORKFLOW));
    expect(installSteps(wf)).toEqual(layout.steps);
    const gate = expectGreenlightWorkflow(read(GATE));
    expect(
      Object.values(gate.jobs)
        .flatMap((job) => job.steps ?? [])
        .filter((s) => s.run !== undefined),
    ).toEqual([]);

    const config = read(CONFIG);
    expect(config.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/greenlight-bot/greenlight/main/schema/greenlight.schema.json',
    );
    expect(parse(config)).toEqual({ tests: { command: layout.testCommand } });
    expect(parseConfig(config).ok).toBe(true);

    // The wiring checks: all ✓ on what init wrote…
    const check = await init('--check');
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/^✓ condition +\.github\/workflows\/greenlight\.yml/m);
    expect(check.out).not.toMatch(/^[✗!]/m);
    // …and ✗ once the config names another label.
    writeFileSync(join(dir, CONFIG), `${config}trigger:\n  label: please-greenlight\n`);
    const changed = await init('--check');
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(
      /^✗ condition +\.github\/workflows\/greenlight\.yml \(job greenlight\): the job condition names the label 'ai-generate' where trigger\.label is 'please-greenlight'/m,
    );
    expect(changed.out).toContain('→ run `greenlight init --force`');
  });

  it('builds the job condition from the config, and a second run changes nothing', async () => {
    write({ 'package.json': pkg({ scripts: { test: 'node --test' } }) });
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, CONFIG), "trigger:\n  label: bot's pick\n  fixCommand: /greenlight\n");
    // The existing config would gain keys: kept without --force, but the workflows follow it.
    const first = await init();
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/kept\s+\.github\/greenlight\.yml/);
    expect(first.out).toContain("Trigger: the label `bot's pick` on an issue, `/greenlight …` on a pull request.");
    const condition = (parse(read(WORKFLOW)) as Workflow).jobs['greenlight']?.if ?? '';
    expect(condition).toContain("github.event.label.name == 'bot''s pick'");
    expect(condition).toContain("contains(github.event.comment.body, '/greenlight')");
    expect(condition).toContain("startsWith(github.event.review.body, '/greenlight')");
    expect(condition).not.toMatch(/ai-generate|'\/fix'/);
    // With --force the user's keys stay; the test command and the schema line are added.
    expect((await init('--force')).code).toBe(0);
    expect(parse(read(CONFIG))).toEqual({
      trigger: { label: "bot's pick", fixCommand: '/greenlight' },
      tests: { command: 'npm test' },
    });
    expect((await init('--check')).code).toBe(0);

    const before = [WORKFLOW, GATE, CONFIG].map(read);
    const again = await init();
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to change: every file already holds what greenlight init would write.');
    expect([WORKFLOW, GATE, CONFIG].map(read)).toEqual(before);
  });

  it('--label and --fix-command go into the config and the condition together', async () => {
    write({ 'package.json': pkg({ scripts: { test: 'node --test' } }) });
    expect((await init('--label', 'greenlight-please', '--fix-command', '/gl')).code).toBe(0);
    expect(parse(read(CONFIG))).toEqual({
      trigger: { label: 'greenlight-please', fixCommand: '/gl' },
      tests: { command: 'npm test' },
    });
    expect(read(WORKFLOW)).toContain("github.event.label.name == 'greenlight-please'");
    expect((await init('--check')).out).not.toMatch(/^✗/m);
  });

  it('--two-job writes the least-privilege pair: the install in generate, none in publish', async () => {
    write(LAYOUTS[1]!.files);
    expect((await init('--two-job')).code).toBe(0);
    const wf = expectGreenlightWorkflow(read(WORKFLOW));
    expect(Object.keys(wf.jobs)).toEqual(['generate', 'publish']);
    expect(installSteps(wf)).toEqual(LAYOUTS[1]!.steps);
    expect((wf.jobs['publish']?.steps ?? []).filter((s) => s.run !== undefined)).toEqual([]);
    const check = await init('--check');
    expect(check.out).toMatch(/^✓ permissions +\.github\/workflows\/greenlight\.yml \(job generate\)/m);
    expect(check.out).toMatch(/^✓ permissions +\.github\/workflows\/greenlight\.yml \(job publish\)/m);
    expect(check.code).toBe(0);
  });

  it('CI repair follows the repository’s own CI workflows', async () => {
    write({
      'package.json': pkg({ scripts: { test: 'node --test' } }),
      '.github/workflows/ci.yml':
        'name: Build and test\non:\n  pull_request:\n  push:\n    branches: [main]\njobs: {}\n',
      '.github/workflows/release.yml': 'name: Release\non:\n  workflow_dispatch:\njobs: {}\n',
    });
    expect((await init()).code).toBe(0);
    expect((parse(read(WORKFLOW)) as Workflow).on?.['workflow_run']).toEqual({
      workflows: ['Build and test'],
      types: ['completed'],
    });
  });

  it('warns when another workflow already runs greenlight, and --check fails on the pair', async () => {
    write({
      'package.json': pkg({ scripts: { test: 'node --test' } }),
      '.github/workflows/ai.yml': readFileSync(
        new URL('../../examples/workflows/greenlight.yml', import.meta.url),
        'utf8',
      ),
    });
    const result = await init();
    expect(result.out).toContain(
      'Warning: .github/workflows/ai.yml already runs greenlight. With .github/workflows/greenlight.yml as well, a request may be handled twice: keep one of them.',
    );
    const check = await init('--check');
    expect(check.code).toBe(1);
    expect(check.out).toMatch(
      /^✗ workflow +\.github\/workflows\/ai\.yml \(job greenlight\) and \.github\/workflows\/greenlight\.yml/m,
    );
  });

  it('--dry-run writes nothing, and its diff applied with patch gives exactly what init writes', async () => {
    write(LAYOUTS[0]!.files);
    const dry = await init('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/would create\s+\.github\/workflows\/greenlight\.yml/);
    expect(dry.out).toContain('Dry run: nothing was written.');
    expect([WORKFLOW, GATE, CONFIG].some((path) => existsSync(join(dir, path)))).toBe(false);
    const diff = dry.out.slice(dry.out.indexOf('--- /dev/null'), dry.out.indexOf('\n\nLeft to do by hand:'));

    const copy = mkdtempSync(join(tmpdir(), 'greenlight-init-patch-'));
    try {
      const patched = spawnSync('patch', ['-p1', '--force'], { cwd: copy, input: `${diff}\n`, encoding: 'utf8' });
      expect(patched.status, patched.stdout + patched.stderr).toBe(0);
      expect((await init()).code).toBe(0);
      for (const path of [WORKFLOW, GATE, CONFIG]) expect(readFileSync(join(copy, path), 'utf8')).toBe(read(path));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('keeps a file that differs unless --force, and says so with exit 1; the config is edited, not replaced', async () => {
    write({
      'package.json': pkg({ scripts: { test: 'node --test' } }),
      [WORKFLOW]: 'name: mine\non: push\njobs: {}\n',
      [CONFIG]: '# our settings\nbudgets:\n  maxIterations: 3\n',
    });
    const kept = await init();
    expect(kept.code).toBe(1);
    expect(kept.out).toMatch(
      /kept\s+\.github\/workflows\/greenlight\.yml \(it exists and differs: --dry-run shows how; --force overwrites it\)/,
    );
    expect(kept.out).toMatch(/kept\s+\.github\/greenlight\.yml/);
    expect(kept.out).toMatch(/created\s+\.github\/workflows\/greenlight-gate\.yml/);
    expect(read(WORKFLOW)).toBe('name: mine\non: push\njobs: {}\n');
    expect(read(CONFIG)).toBe('# our settings\nbudgets:\n  maxIterations: 3\n');

    const dry = await init('--dry-run');
    expect(dry.out).toContain('--- a/.github/greenlight.yml');
    expect(dry.out).toContain('+tests:\n+  command: npm test');

    const forced = await init('--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/overwrote\s+\.github\/workflows\/greenlight\.yml/);
    expectGreenlightWorkflow(read(WORKFLOW));
    expect(read(CONFIG)).toMatch(
      /^# yaml-language-server: \$schema=.*\n# our settings\nbudgets:\n {2}maxIterations: 3\n/,
    );
    expect(parse(read(CONFIG))).toEqual({ budgets: { maxIterations: 3 }, tests: { command: 'npm test' } });
  });

  it('says what is left to do by hand, and what it could not detect', async () => {
    write({ 'README.md': '# nothing to test\n' });
    const result = await init();
    expect(result.code).toBe(0);
    expect(result.out).toContain('Detected: neither JavaScript nor Python.');
    expect(result.out).toContain('Test command: none found.');
    expect(result.out).toContain('ANTHROPIC_API_KEY');
    expect(result.out).toContain('greenlight/review-gate');
    expect(result.out).toContain(
      '`ai-generate` must exist before anyone can put it on an issue: greenlight init --labels',
    );
    expect(result.out).toContain('Set tests.command in .github/greenlight.yml: No test command found.');
    expect(result.out).toContain('Add the steps that install what your tests need');
    expect(result.out).toContain('CI repair follows the workflow named "CI"');
    expect(installSteps(expectGreenlightWorkflow(read(WORKFLOW)))).toEqual([]);
    expect(parse(read(CONFIG))).toBeNull();
  });

  it('refuses an invalid config, a fix command that is not a slash command, and a directory outside git', async () => {
    write({ [CONFIG]: 'trigger:\n  lable: x\n' });
    const invalid = await init();
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(
      /greenlight init: \.github\/greenlight\.yml is invalid, and init builds the workflow from it:\n\.github\/greenlight\.yml:2:3 trigger\.lable/,
    );
    expect(existsSync(join(dir, WORKFLOW))).toBe(false);

    rmSync(join(dir, CONFIG));
    const flag = await init('--fix-command', 'fix');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('trigger.fixCommand');
    expect(flag.err).toContain('Check --label and --fix-command.');
    expect(existsSync(join(dir, WORKFLOW))).toBe(false);

    const outside = mkdtempSync(join(tmpdir(), 'greenlight-init-nogit-'));
    try {
      const result = await init('--repo', outside);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^greenlight init: /);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
