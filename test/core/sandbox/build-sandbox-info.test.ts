import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { assertRunnable, buildSandboxInfo, DEFAULT_TIMEOUT_MS } from '../../../src/core/sandbox/build-sandbox-info.ts';

describe('buildSandboxInfo', () => {
  it('reports the configured limits, the default time limit and the enforcement', () => {
    const config = { ...defaultConfig().sandbox, memoryMb: 512, maxPids: 64, maxDiskMb: 100, maxFiles: 500 };
    expect(
      buildSandboxInfo({
        driver: 'bwrap',
        networkIsolation: true,
        config,
        enforcement: { memory: 'cgroup', pids: 'rlimit', disk: 'watched' },
        identity: 'runs as greenlight-sandbox',
        warnings: ['w'],
      }),
    ).toEqual({
      driver: 'bwrap',
      networkIsolation: true,
      limits: {
        timeoutMs: DEFAULT_TIMEOUT_MS,
        memoryMb: 512,
        maxPids: 64,
        maxOutputBytes: config.maxOutputBytes,
        maxDiskMb: 100,
        maxFiles: 500,
      },
      enforcement: { memory: 'cgroup', pids: 'rlimit', disk: 'watched' },
      identity: 'runs as greenlight-sandbox',
      warnings: ['w'],
    });
  });

  it('uses a given default time limit', () => {
    const info = buildSandboxInfo({
      driver: 'none',
      networkIsolation: false,
      config: defaultConfig().sandbox,
      defaultTimeoutMs: 1234,
      enforcement: { memory: 'rlimit', pids: 'none' },
      warnings: [],
    });
    expect(info.limits.timeoutMs).toBe(1234);
  });
});

describe('assertRunnable', () => {
  it('refuses a closed sandbox and an empty command', () => {
    expect(() => assertRunnable(true, ['true'])).toThrow(/closed/);
    expect(() => assertRunnable(false, [])).toThrow(/needs a command/);
    expect(() => assertRunnable(false, ['true'])).not.toThrow();
  });
});
