import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeBwrap, probeSystemd } from '../../../src/adapters/sandbox/probe-drivers.ts';
import type { SystemdProbeHost } from '../../../src/adapters/sandbox/probe-drivers.ts';
import { runProcess } from '../../../src/adapters/sandbox/run-process.ts';
import type { ProcessResult, ProcessRunner } from '../../../src/adapters/sandbox/run-process.ts';
import { pathWithout } from '../../setup/path-without.ts';

// A bwrap for the probes whose runner is faked: found on PATH, never run.
const fakeBin = mkdtempSync(join(tmpdir(), 'greenlight-probe-bin-'));
writeFileSync(join(fakeBin, 'bwrap'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));
const withFakeBwrap = { PATH: `${fakeBin}:${process.env.PATH ?? ''}` };

const result = (exitCode: number, stdout = '', stderr = ''): ProcessResult => ({
  exitCode,
  signal: null,
  timedOut: false,
  outputExceeded: false,
  durationMs: 1,
  stdout: { text: stdout, bytes: stdout.length, truncated: false },
  stderr: { text: stderr, bytes: stderr.length, truncated: false },
});

describe('probeBwrap', () => {
  // Its success with the real bwrap is what requireTool('bwrap') checks before every suite that needs it.
  it('says bwrap is not installed, and how to install it, when PATH has none', async () => {
    expect(await probeBwrap(runProcess, { PATH: pathWithout(['bwrap']) })).toEqual({
      ok: false,
      reason: 'bwrap is not installed (apt-get install bubblewrap)',
    });
  });

  it('probes with the isolation the driver uses', async () => {
    const seen: string[][] = [];
    const runner: ProcessRunner = async (argv) => {
      seen.push([...argv]);
      return result(0);
    };
    expect(await probeBwrap(runner, withFakeBwrap)).toEqual({ ok: true });
    expect(seen[0]?.[0]).toBe(join(fakeBin, 'bwrap'));
    expect(seen[0]).toEqual(
      expect.arrayContaining([
        '--unshare-all',
        '--unshare-user',
        '--uid',
        '65534',
        '--new-session',
        '--die-with-parent',
      ]),
    );
  });

  it('explains a namespace failure with the Ubuntu 24.04 sysctl', async () => {
    const runner: ProcessRunner = async () => result(1, '', 'bwrap: setting up uid map: Permission denied\n');
    const probe = await probeBwrap(runner, withFakeBwrap);
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.reason).toContain('kernel.apparmor_restrict_unprivileged_userns=0');
  });
});

describe('probeSystemd', () => {
  const booted: SystemdProbeHost = { systemdDir: tmpdir(), find: async (name) => `/usr/bin/${name}` };
  const answers =
    (state: string, sudo: number): ProcessRunner =>
    async (argv) =>
      argv.includes('is-system-running') ? result(state === 'running' ? 0 : 1, `${state}\n`) : result(sudo);

  it.each<[string, string, boolean, number, boolean]>([
    ['running, root', 'running', true, 1, true],
    ['degraded is still usable', 'degraded', false, 0, true],
    ['offline', 'offline', true, 0, false],
    ['no sudo', 'running', false, 1, false],
  ])('%s', async (_name, state, isRoot, sudoExit, expected) => {
    const probe = await probeSystemd(answers(state, sudoExit), process.env, isRoot, booted);
    expect(probe.ok).toBe(expected);
  });

  it('refuses where systemd did not boot the machine', async () => {
    const probe = await probeSystemd(answers('running', 0), process.env, true, {
      ...booted,
      systemdDir: '/nonexistent/systemd',
    });
    expect(probe).toEqual({
      ok: false,
      reason: 'systemd is not the init system here (/nonexistent/systemd is missing)',
    });
  });

  it('refuses without systemd-run', async () => {
    const probe = await probeSystemd(answers('running', 0), process.env, true, { ...booted, find: async () => null });
    expect(probe).toEqual({ ok: false, reason: 'systemd-run or systemctl is not installed' });
  });
});
