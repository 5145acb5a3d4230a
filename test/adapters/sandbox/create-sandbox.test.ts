import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/adapters/sandbox/create-sandbox.ts';
import type { CreateSandboxDeps, DriverOptions } from '../../../src/adapters/sandbox/create-sandbox.ts';
import type { ProbeResult } from '../../../src/adapters/sandbox/probe-drivers.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import type { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { Sandbox, SandboxDriverName } from '../../../src/ports/sandbox.ts';

const ok: ProbeResult = { ok: true };
const noBwrap: ProbeResult = { ok: false, reason: 'bwrap is not installed (apt-get install bubblewrap)' };
const noSystemd: ProbeResult = { ok: false, reason: 'systemd is not the init system here' };

function harness(bwrap: ProbeResult, systemd: ProbeResult) {
  const built: SandboxDriverName[] = [];
  const probed: string[] = [];
  const fake =
    (driver: SandboxDriverName) =>
    async (options: DriverOptions): Promise<Sandbox> => {
      built.push(driver);
      expect(options.workspace).toBe('/w');
      return {
        info: {
          driver,
          networkIsolation: driver !== 'none',
          limits: { timeoutMs: 1, memoryMb: 1, maxPids: 1, maxOutputBytes: 1, maxDiskMb: 1, maxFiles: 1 },
          warnings: [],
        },
        run: () => Promise.reject(new Error('fake')),
      };
    };
  const deps: CreateSandboxDeps = {
    workspace: '/w',
    probes: {
      bwrap: async () => {
        probed.push('bwrap');
        return bwrap;
      },
      systemd: async () => {
        probed.push('systemd');
        return systemd;
      },
    },
    drivers: { bwrap: fake('bwrap'), 'systemd-run': fake('systemd-run'), none: fake('none') },
  };
  return { deps, built, probed };
}

const config = (
  driver: RepoConfig['sandbox']['driver'],
  extra: Partial<RepoConfig['sandbox']> = {},
): RepoConfig['sandbox'] => ({ ...defaultConfig().sandbox, driver, ...extra });

describe('createSandbox', () => {
  it.each<[string, ProbeResult, ProbeResult, SandboxDriverName, string[]]>([
    ['bwrap when it works', ok, ok, 'bwrap', ['bwrap']],
    ['systemd-run when bwrap does not work', noBwrap, ok, 'systemd-run', ['bwrap', 'systemd']],
  ])('auto picks %s', async (_name, bwrap, systemd, expected, probes) => {
    const h = harness(bwrap, systemd);
    const sandbox = await createSandbox(config('auto'), h.deps);
    expect(sandbox.info.driver).toBe(expected);
    expect(h.built).toEqual([expected]);
    expect(h.probed).toEqual(probes);
  });

  it('auto refuses when nothing works, with both reasons and what to do, and never falls back to none', async () => {
    const h = harness(noBwrap, noSystemd);
    const error = await createSandbox(config('auto'), h.deps).catch((caught: unknown) => caught);
    expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('bwrap is not installed');
    expect(message).toContain('systemd is not the init system');
    expect(message).toContain('apt-get install bubblewrap');
    expect(message).toContain('sandbox.driver: none');
    expect(h.built).toEqual([]);
  });

  it.each<[RepoConfig['sandbox']['driver'], ProbeResult, ProbeResult]>([
    ['bwrap', noBwrap, ok],
    ['systemd-run', ok, noSystemd],
  ])('a configured %s that does not work is refused, not replaced', async (driver, bwrap, systemd) => {
    const h = harness(bwrap, systemd);
    const error = await createSandbox(config(driver), h.deps).catch((caught: unknown) => caught);
    expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
    expect((error as Error).message).toContain(`sandbox.driver is ${driver}`);
    expect(h.built).toEqual([]);
  });

  it.each<[RepoConfig['sandbox']['driver'], SandboxDriverName]>([
    ['bwrap', 'bwrap'],
    ['systemd-run', 'systemd-run'],
    ['none', 'none'],
  ])('honours the configured driver %s', async (driver, expected) => {
    const h = harness(ok, ok);
    expect((await createSandbox(config(driver), h.deps)).info.driver).toBe(expected);
    expect(h.probed).toEqual(driver === 'none' ? [] : [driver === 'bwrap' ? 'bwrap' : 'systemd']);
  });

  it('refuses a network allowlist that no driver can enforce', async () => {
    const h = harness(ok, ok);
    const error = await createSandbox(config('auto', { networkAllowlist: ['registry.npmjs.org'] }), h.deps).catch(
      (caught: unknown) => caught,
    );
    expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
    expect((error as Error).message).toContain('registry.npmjs.org');
    expect(h.built).toEqual([]);
  });
});
