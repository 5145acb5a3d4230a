import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/adapters/sandbox/create-sandbox.ts';
import { createTestRunner } from '../../../src/adapters/testing/index.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { requireTool } from '../../setup/require-tool.ts';
import { createProject, parentEnv, runnerFor, type Project, type RunnerFixture } from './project.ts';

// Under bwrap the child has a private /tmp and only the workspace is writable: the
// report goes to .greenlight-tmp/ inside the workspace and is removed afterwards.
describe.runIf(await requireTool('bwrap'))('test runner under the bwrap sandbox', () => {
  let project: Project;
  let fixture: RunnerFixture;

  beforeAll(async () => {
    project = createProject(
      {
        'package.json': JSON.stringify({ name: 'p', type: 'module', scripts: { test: 'vitest run' } }),
        '.gitignore': 'node_modules/\n',
        'src/math.js': 'export const add = (a, b) => a + b;\n',
        'src/math.test.js': `import { expect, it } from 'vitest';\nimport { add } from './math.js';\nit('adds', () => { expect(add(1, 2)).toBe(3); });\nit('fails', () => { expect(add(2, 2)).toBe(5); });\n`,
      },
      ['vitest'],
    );
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project.root, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'init');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'project');
    const sandbox = await createSandbox(
      { ...defaultConfig().sandbox, driver: 'bwrap' },
      { workspace: project.root, parentEnv: parentEnv() },
    );
    fixture = await runnerFor(project, { sandbox });
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
  });

  it('reads the report written inside the workspace and leaves the workspace clean', async () => {
    expect(fixture.sandbox.info.driver).toBe('bwrap');
    const report = await fixture.runner.run();
    expect(report.command).toMatch(
      /^npm test -- --run --reporter=default --reporter=json --outputFile\.json=\.greenlight-tmp\/[0-9a-f]{12}\/vitest\.json$/,
    );
    expect(report).toMatchObject({
      structured: true,
      crashed: false,
      exitCode: 1,
      totals: { passed: 1, failed: 1, total: 2 },
    });
    expect(report.tests.map((t) => [t.id, t.status, t.line])).toEqual([
      ['src/math.test.js::adds', 'passed', undefined],
      ['src/math.test.js::fails', 'failed', 4],
    ]);
    expect(existsSync(join(project.root, '.greenlight-tmp'))).toBe(false);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: project.root, encoding: 'utf8' })).toBe('');
  });

  it('with restoreWorkspace, puts back what the tests wrote and says so (docs/security.md §29)', async () => {
    project.write(
      'src/writer.test.js',
      `import { mkdirSync, writeFileSync } from 'node:fs';\nimport { it } from 'vitest';\nit('writes', () => { mkdirSync('out', { recursive: true }); writeFileSync('out/fixture.txt', 'x'); writeFileSync('src/math.js', 'export const add = () => 0;'); });\n`,
    );
    const restoring = await createTestRunner({
      workspaceRoot: project.root,
      config: defaultConfig(),
      sandbox: fixture.sandbox,
      files: project.files(),
      readFile: (path) => readFile(join(project.root, path), 'utf8').catch(() => null),
      restoreWorkspace: true,
    });
    const report = await restoring.run({ tests: ['src/writer.test.js'] });
    expect(report.discarded).toEqual(['out/fixture.txt', 'src/math.js']);
    expect(report.notes).toContain(
      'the run wrote files that are not part of the change; they were put back or removed: out/fixture.txt, src/math.js',
    );
    expect(readFileSync(join(project.root, 'src/math.js'), 'utf8')).toBe('export const add = (a, b) => a + b;\n');
    expect(existsSync(join(project.root, 'out'))).toBe(false);
    // The new test file itself (an edit in progress) stays.
    expect(existsSync(join(project.root, 'src/writer.test.js'))).toBe(true);
  });
});
