import { mkdtempSync, realpathSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoneSandbox, NONE_DRIVER_WARNING } from '../../../src/adapters/sandbox/none-driver.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { Sandbox } from '../../../src/ports/sandbox.ts';
import { requireTool } from '../../setup/require-tool.ts';

const havePython3 = await requireTool('python3');

let workspace: string;
let sandbox: Sandbox;
const parentEnv = {
  PATH: process.env.PATH,
  HOME: '/root',
  GITHUB_TOKEN: 'ghs_secret',
  DATABASE_URL: 'postgres://x',
  NPM_TOKEN: 'npm_x',
};

beforeAll(async () => {
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-none-')));
  mkdirSync(join(workspace, 'pkg'));
  sandbox = await createNoneSandbox({
    config: { ...defaultConfig().sandbox, env: ['DATABASE_URL'] },
    workspace,
    parentEnv,
    defaultTimeoutMs: 10_000,
  });
});
afterAll(async () => {
  await sandbox.close?.();
  rmSync(workspace, { recursive: true, force: true });
});

describe('the none driver', () => {
  it('reports no isolation, loudly', () => {
    expect(sandbox.info).toMatchObject({
      driver: 'none',
      networkIsolation: false,
      enforcement: { memory: 'rlimit', pids: 'none', disk: 'watched, file-size rlimit' },
    });
    expect(sandbox.info.warnings[0]).toBe(NONE_DRIVER_WARNING);
    // It says what it cannot do: the home, the user, sockets, the network.
    for (const gap of ['own user', 'whole home directory', 'unix socket', 'network']) {
      expect(NONE_DRIVER_WARNING).toContain(gap);
    }
  });

  it('stops a file at sandbox.maxDiskMb (the file-size rlimit) and names the limit', async () => {
    const result = await sandbox.run(['sh', '-c', 'head -c 40000000 /dev/zero > big.bin'], {
      cwd: workspace,
      maxDiskMb: 16,
    });
    expect(result.limitHit).toBe('disk');
    expect(result.limitDetail).toContain('sandbox.maxDiskMb');
    rmSync(join(workspace, 'big.bin'), { force: true });
  });

  it('stops a command that creates more files than sandbox.maxFiles, in the workspace or its temp dir', async () => {
    const result = await sandbox.run(
      ['sh', '-c', 'mkdir many && i=0; while [ $i -lt 3000 ]; do : > many/f$i; : > "$TMPDIR/t$i"; i=$((i+1)); done'],
      { cwd: workspace, maxFiles: 500 },
    );
    expect(result.limitHit).toBe('files');
    expect(result.limitDetail).toContain('more than sandbox.maxFiles (500)');
    expect(result.exitCode).toBeNull();
    rmSync(join(workspace, 'many'), { recursive: true, force: true });
  });

  it('gives children only the allowlisted environment, a scratch HOME and TMPDIR', async () => {
    const result = await sandbox.run(['env'], { cwd: workspace, env: { GITHUB_TOKEN: 'explicit', EXTRA: '1' } });
    const env = Object.fromEntries(
      result.stdout.text
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env.NPM_TOKEN).toBeUndefined();
    expect(env.DATABASE_URL).toBe('postgres://x');
    expect(env.EXTRA).toBe('1');
    expect(env.HOME).not.toBe('/root');
    expect(existsSync(env.HOME as string)).toBe(true);
    expect(env.TMPDIR?.startsWith(join(tmpdir(), 'greenlight-sandbox-'))).toBe(true);
    expect(result.warnings).toEqual([expect.stringContaining('withheld GITHUB_TOKEN')]);
  });

  it('runs in a subdirectory of the workspace and refuses one outside it', async () => {
    const inside = await sandbox.run(['pwd'], { cwd: join(workspace, 'pkg') });
    expect(inside.stdout.text.trim()).toBe(join(workspace, 'pkg'));
    await expect(sandbox.run(['pwd'], { cwd: tmpdir() })).rejects.toSatisfy((error) =>
      isGreenlightError(error, 'usage'),
    );
    await expect(sandbox.run(['pwd'], { cwd: 'relative' })).rejects.toSatisfy((error) =>
      isGreenlightError(error, 'usage'),
    );
    await expect(sandbox.run([], { cwd: workspace })).rejects.toSatisfy((error) => isGreenlightError(error, 'usage'));
  });

  it('stops a hanging command at the time limit and kills its process group', async () => {
    const result = await sandbox.run(['sh', '-c', 'sleep 30 & sleep 30'], { cwd: workspace, timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, limitHit: 'time', exitCode: null });
  });

  it.runIf(havePython3)('applies the memory rlimit', async () => {
    const result = await sandbox.run(['python3', '-c', 'b = bytearray(10 * 1024 ** 3)'], {
      cwd: workspace,
      memoryMb: 256,
    });
    expect(result.limitHit).toBe('memory');
  });

  it('refuses to run after close', async () => {
    const other = await createNoneSandbox({ config: defaultConfig().sandbox, workspace, parentEnv });
    await other.close?.();
    await expect(other.run(['true'], { cwd: workspace })).rejects.toSatisfy((error) =>
      isGreenlightError(error, 'internal'),
    );
  });
});
