import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/adapters/sandbox/create-sandbox.ts';
import { createCoverageMeasurement } from '../../src/compose/coverage-measurement.ts';
import { defaultConfig } from '../../src/core/config/repo-config.ts';
import type { Sandbox } from '../../src/ports/sandbox.ts';
import { MemoryAuditSink } from '../fakes/memory-audit-sink.ts';
import { requireTool } from '../setup/require-tool.ts';

// A real node:test project measured with Node's own lcov reporter, under bwrap.
const COVERAGE_COMMAND =
  'node --test --experimental-test-coverage --test-reporter=lcov --test-reporter-destination=coverage/lcov.info';

const roots: string[] = [];
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close?.();
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'greenlight-coverage-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
  execFileSync('git', ['add', '.'], { cwd: root });
  execFileSync('git', ['commit', '-q', '-m', 'init'], { cwd: root });
  return root;
}

async function sandboxFor(root: string): Promise<Sandbox> {
  const sandbox = await createSandbox(
    { ...defaultConfig().sandbox, driver: 'bwrap' },
    {
      workspace: root,
      parentEnv: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
    },
  );
  sandboxes.push(sandbox);
  return sandbox;
}

function testsConfig(coverage: Partial<ReturnType<typeof defaultConfig>['tests']['coverage']>) {
  const tests = defaultConfig().tests;
  return { ...tests, coverage: { ...tests.coverage, required: true, ...coverage } };
}

describe.runIf(await requireTool('bwrap'))('createCoverageMeasurement', () => {
  it('measures the baseline, then the change, for the files the change targets, and leaves no report behind', async () => {
    const root = project({
      'package.json': '{ "type": "module" }\n',
      'src/grade.js':
        'export function grade(n) {\n  if (n >= 90) return "A";\n  if (n >= 80) return "B";\n  return "C";\n}\n',
      'test/grade.test.js':
        'import { test } from "node:test";\nimport assert from "node:assert";\nimport { grade } from "../src/grade.js";\ntest("A", () => assert.equal(grade(95), "A"));\n',
    });
    const audit = new MemoryAuditSink();
    const measure = await createCoverageMeasurement(
      testsConfig({ command: COVERAGE_COMMAND, report: 'coverage/lcov.info' }),
      await sandboxFor(root),
      root,
      audit,
    );
    writeFileSync(
      join(root, 'test/grade-more.test.js'),
      'import { test } from "node:test";\nimport assert from "node:assert";\nimport { grade } from "../src/grade.js";\ntest("B", () => assert.equal(grade(85), "B"));\ntest("C", () => assert.equal(grade(10), "C"));\n',
    );
    const m = await measure({ targetFiles: ['src/grade.js'], testFiles: ['test/grade-more.test.js'] });
    expect(m.beforePercent).toBeLessThan(100);
    expect(m.afterPercent).toBe(100);
    expect(existsSync(join(root, 'coverage/lcov.info'))).toBe(false);
    // Both measurements are in the audit log, for the evidence record.
    const commands = audit.events.filter((e) => e.kind === 'command');
    expect(commands).toHaveLength(2);
    for (const c of commands)
      expect(c).toMatchObject({ command: COVERAGE_COMMAND, purpose: 'coverage', exitCode: 0, timedOut: false });
    expect(commands.every((c) => typeof c.durationMs === 'number' && c.durationMs > 0)).toBe(true);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })).toBe(
      '?? test/grade-more.test.js\n',
    );
  });

  it('refuses a required coverage without a command or a report path', async () => {
    const root = project({ 'a.txt': 'x\n' });
    await expect(
      createCoverageMeasurement(
        testsConfig({ report: 'lcov.info' }),
        await sandboxFor(root),
        root,
        new MemoryAuditSink(),
      ),
    ).rejects.toThrow(/tests\.coverage\.command/);
    await expect(
      createCoverageMeasurement(
        testsConfig({ command: 'true', report: '../lcov.info' }),
        await sandboxFor(root),
        root,
        new MemoryAuditSink(),
      ),
    ).rejects.toThrow(/inside the repository/);
  });

  it('says so when the command writes no report', async () => {
    const root = project({ 'a.txt': 'x\n' });
    await expect(
      createCoverageMeasurement(
        testsConfig({ command: 'true', report: 'coverage/lcov.info' }),
        await sandboxFor(root),
        root,
        new MemoryAuditSink(),
      ),
    ).rejects.toThrow(/wrote no report at coverage\/lcov\.info/);
  });
});
