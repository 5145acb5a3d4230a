import { describe, expect, it } from 'vitest';
import { detectLayout, layoutFilesToRead } from '../../../src/core/init/detect-layout.ts';
import { setupSteps } from '../../../src/core/init/setup-steps.ts';

const layout = (texts: Record<string, string>, extra: string[] = []) =>
  detectLayout({ files: [...Object.keys(texts), ...extra].sort(), texts }, ['.github/workflows/greenlight.yml']);

describe('detectLayout', () => {
  it('reads the detection files, the Python manifests of top-level folders and the workflows', () => {
    expect(
      layoutFilesToRead([
        'package.json',
        'api/pyproject.toml',
        'api/requirements.txt',
        'docs/conf.py',
        'deep/er/pyproject.toml',
        '.github/workflows/ci.yml',
        'src/index.ts',
      ]),
    ).toEqual(['.github/workflows/ci.yml', 'api/pyproject.toml', 'api/requirements.txt', 'package.json']);
  });

  it('takes a pyproject.toml that only configures tools in a JavaScript repository for no Python project', () => {
    const result = layout({
      'package.json': '{"scripts":{"test":"vitest run"}}',
      'pyproject.toml': '[tool.black]\nline-length = 100\n',
    });
    expect(result.python).toEqual([]);
    expect(result.node?.client).toBe('npm');
  });

  it('installs without a frozen lockfile or cache when there is no lockfile, and pins pnpm when nothing names it', () => {
    expect(setupSteps(layout({ 'package.json': '{"scripts":{"test":"jest"}}' }))).toEqual([
      { uses: 'actions/setup-node@v4', with: { 'node-version': 24 } },
      { name: 'Install dependencies', run: 'npm install' },
    ]);
    expect(
      setupSteps(layout({ 'package.json': '{"scripts":{"test":"jest"}}', 'pnpm-lock.yaml': '' })).slice(0, 1),
    ).toEqual([{ uses: 'pnpm/action-setup@v4', with: { version: 10 } }]);
    expect(
      setupSteps(
        layout({ 'package.json': '{"packageManager":"yarn@3.8.0","scripts":{"test":"jest"}}', 'yarn.lock': '' }),
      ).at(-1),
    ).toEqual({ name: 'Install dependencies', run: 'yarn install --immutable' });
    expect(setupSteps(layout({ 'package.json': '{"scripts":{"test":"jest"}}', 'bun.lockb': '' }))).toEqual([
      { uses: 'oven-sh/setup-bun@v2' },
      { name: 'Install dependencies', run: 'bun install --frozen-lockfile' },
    ]);
  });

  it('installs a package with its test and dev extras, and its requirement files', () => {
    const result = layout({
      'pyproject.toml':
        '[build-system]\nrequires = ["hatchling"]\n\n[project.optional-dependencies]\ndocs = ["sphinx"]\n"dev" = ["ruff"]\ntest = [\n  "pytest",\n]\n\n[tool.ruff]\n',
      'requirements-dev.txt': 'coverage\n',
      'tests/test_a.py': '',
    });
    expect(result.python).toEqual([
      {
        dir: '',
        requirements: ['requirements-dev.txt'],
        manifest: 'pyproject.toml',
        extras: ['test', 'dev'],
        listsPytest: true,
      },
    ]);
    expect(setupSteps(result).at(-1)?.run).toBe(
      "python -m pip install --upgrade pip\npython -m pip install -r requirements-dev.txt\npython -m pip install -e '.[test,dev]'",
    );
  });

  it('names the other workflows that run on pushes or pull requests, for CI repair', () => {
    const result = layout({
      '.github/workflows/a.yml': 'name: Lint\non: [push, pull_request]\njobs: {}\n',
      '.github/workflows/b.yml': "name: 'Unit tests' # main suite\non:\n  pull_request:\njobs: {}\n",
      '.github/workflows/c.yml': 'name: Nightly\non:\n  schedule:\n    - cron: "0 0 * * *"\njobs: {}\n',
      '.github/workflows/d.yml': 'on: push\njobs: {}\n',
      '.github/workflows/e.yml': 'name: Gate\non:\n  pull_request_target:\njobs: {}\n',
      '.github/workflows/greenlight.yml': 'name: greenlight\non: push\njobs: {}\n',
      '.github/workflows/ai.yml':
        'name: AI\non: push\njobs:\n  x:\n    steps:\n      - uses: greenlight-bot/greenlight@v1\n',
    });
    expect(result.ciWorkflows).toEqual(['Lint', 'Unit tests']);
    expect(result.otherGreenlightWorkflows).toEqual(['.github/workflows/ai.yml']);
  });
});
