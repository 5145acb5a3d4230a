/**
 * `greenlight doctor` on real checkouts: real git, the real sandbox probes, the real
 * test runner in the sandbox. Each ✗ line has its table test with a fake host in
 * test/core/doctor/run-doctor.test.ts; here the machine answers for itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand as main } from '../../src/cli/run-command.ts';
import { calcRepo, engineEnv } from '../integration/job-harness.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';

const haveBwrap = await requireTool('bwrap');
const SYSTEM_PATH = `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;

async function doctor(args: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['doctor', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: '/',
    env,
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('greenlight doctor', () => {
  it('passes on a checkout where a run can start, running the suite once in the sandbox (exit 0)', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const repo = calcRepo();
    const result = await doctor(['--repo', repo.root], engineEnv({ PATH: SYSTEM_PATH }));

    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(`greenlight doctor: ${repo.root}`);
    expect(lines).toContain(`✓ checkout         ${repo.root} on branch main, no uncommitted changes`);
    expect(lines).toContain('✓ model key        ANTHROPIC_API_KEY is set (its value is not shown)');
    expect(lines).toContain('✓ sandbox          bwrap works here: tests run isolated, network off');
    expect(result.out).toContain(
      '✓ test command     npm test — using `npm test` from package.json (no lockfile → npm); the script `node --test`: it runs node:test',
    );
    expect(result.out).toMatch(/✓ baseline {9}the suite runs: 1 passed, 0 failing, 0 skipped in /);
    expect(lines.at(-1)).toBe('A run can start here: every check passed.');
    expect(result.out).not.toContain(engineEnv().ANTHROPIC_API_KEY);
  });

  it('fails without a model key and in a directory that is not a checkout, with the fixes (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-doctor-'));
    temps.push(dir);
    const result = await doctor(['--repo', dir, '--skip-baseline'], { PATH: SYSTEM_PATH });

    expect(result.code).toBe(1);
    expect(result.out).toContain(`✗ checkout         ${dir} is not a git checkout`);
    expect(result.out).toContain('→ run greenlight doctor inside a git checkout, or pass --repo DIR');
    expect(result.out).toContain('✗ model key        ANTHROPIC_API_KEY is not set');
    expect(result.out.split('\n').at(-1)).toMatch(/^A run would stop here: \d+ checks failed \(✗\)\./);
  });

  it('--json prints every check; a suite that cannot start is a ✗ with the line to add', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const repo = calcRepo({
      files: {
        'package.json': `${JSON.stringify({ name: 'calc', type: 'module', scripts: { test: 'mocha' } })}\n`,
      },
    });
    const result = await doctor(['--repo', repo.root, '--json'], engineEnv({ PATH: SYSTEM_PATH }));

    expect(result.code).toBe(1);
    const json = JSON.parse(result.out) as {
      ok: boolean;
      checks: { id: string; status: string; detail: string; fix: string[] }[];
    };
    expect(json.ok).toBe(false);
    const baseline = json.checks.find((c) => c.id === 'baseline');
    expect(baseline).toMatchObject({
      status: 'fail',
      detail:
        '`npm test` could not start: mocha was not found (exit code 127); a run would stop before its first model call',
    });
    expect(baseline?.fix.join('\n')).toContain('installCommand: npm install');
  });
});
