import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathWithout } from './path-without.ts';
import { inCi } from './require-tool.ts';
import { summarizeToolSkips } from './tool-skips.ts';

const root = join(import.meta.dirname, '../..');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const CONFIG = 'test/fixtures/require-tool/vitest.config.ts';
const BWRAP_SUITE = 'test/fixtures/require-tool/needs-bwrap.suite.ts';
const REDIS_SUITE = 'test/fixtures/require-tool/needs-redis.suite.ts';

const fakeBin = mkdtempSync(join(tmpdir(), 'greenlight-fake-bin-'));
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

/** vitest on the fixture suites, as `npm test` runs it, with this PATH and CI setting. */
function runFixtureSuites(path: string, ci: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.CI;
  delete env.GITHUB_ACTIONS; // vitest would add its own reporter's annotations
  if (ci !== undefined) env.CI = ci;
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', CONFIG], {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  // vitest prints failures on stderr; its summary, and ours after it, on stdout
  return { status: run.status, output: `${run.stdout}${run.stderr}`, lines: run.stdout.trimEnd().split('\n') };
}

const hidden = () =>
  pathWithout(['bwrap', 'redis-server'], `${dirname(process.execPath)}${delimiter}${process.env.PATH}`);

describe('suites that need a missing system tool', () => {
  it('are skipped, with one line at the end naming each file, its tool and the command that installs them all', () => {
    const run = runFixtureSuites(hidden(), undefined);

    expect(run.status).toBe(0);
    expect(run.output).toMatch(/Tests +1 passed \| 2 skipped \(3\)/);
    expect(run.output.split('\n').filter((line) => line.includes('npm run setup:system'))).toEqual([
      `SKIPPED: 2 test file(s) need system tools that are missing here: bwrap for ${BWRAP_SUITE}; ` +
        `redis-server for ${REDIS_SUITE}. Install them all: npm run setup:system`,
    ]);
    expect(run.lines.at(-1)).toMatch(/^SKIPPED: /);
  });

  it('fail the run under CI=true, naming the tool and the install command', () => {
    const run = runFixtureSuites(hidden(), 'true');

    expect(run.status).toBe(1);
    const { output } = run;
    expect(output).toContain(
      `${BWRAP_SUITE} needs bwrap (bwrap is not installed (apt-get install bubblewrap)), and under CI nothing may be skipped. ` +
        'Install the system tools with: npm run setup:system (Debian package bubblewrap).',
    );
    expect(output).toMatch(/Test Files +2 failed/);
    expect(run.lines.at(-1)).toBe(
      `FAILED: 2 test file(s) need system tools that are missing, and CI skips nothing: bwrap for ${BWRAP_SUITE}; ` +
        `redis-server for ${REDIS_SUITE}. Install them all: npm run setup:system`,
    );
  });

  it('run once their tool is there: only the missing one is named', () => {
    // a redis-server on PATH (requireTool looks it up; the fixture never starts it)
    writeFileSync(join(fakeBin, 'redis-server'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(fakeBin, 'redis-server'), 0o755);
    const run = runFixtureSuites(`${fakeBin}${delimiter}${hidden()}`, 'true');

    const { output } = run;
    expect(output).toContain(`${BWRAP_SUITE} needs bwrap`);
    expect(output).not.toContain(`${REDIS_SUITE} needs`);
    expect(output).toMatch(/Test Files +1 failed \| 1 passed \(2\)/);
    expect(run.lines.at(-1)).toBe(
      `FAILED: 1 test file(s) need system tools that are missing, and CI skips nothing: bwrap for ${BWRAP_SUITE}. ` +
        'Install them all: npm run setup:system',
    );
  });
});

describe('inCi', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', true],
    ['TRUE', true],
  ])('CI=%j → %s', (value, expected) => {
    expect(inCi(value === undefined ? {} : { CI: value })).toBe(expected);
  });
});

describe('summarizeToolSkips', () => {
  it('is silent when nothing was skipped, and names a file once per tool', () => {
    expect(summarizeToolSkips([])).toBeNull();
    const skip = { failed: false, reason: 'x' };
    expect(
      summarizeToolSkips([
        { ...skip, file: 'test/b.test.ts', tool: 'pytest' },
        { ...skip, file: 'test/a.test.ts', tool: 'pytest' },
        { ...skip, file: 'test/a.test.ts', tool: 'pytest' },
        { ...skip, file: 'test/a.test.ts', tool: 'bwrap' },
      ]),
    ).toBe(
      'SKIPPED: 2 test file(s) need system tools that are missing here: bwrap for test/a.test.ts; ' +
        'pytest for test/a.test.ts, test/b.test.ts. Install them all: npm run setup:system',
    );
  });
});
