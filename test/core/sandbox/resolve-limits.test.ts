import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../../../src/core/sandbox/resolve-limits.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const defaults = {
  timeoutMs: 60_000,
  memoryMb: 1024,
  maxPids: 256,
  maxOutputBytes: 100_000,
  maxDiskMb: 512,
  maxFiles: 1000,
};

describe('resolveLimits', () => {
  it('uses the defaults and derives the output kill threshold', () => {
    expect(resolveLimits(defaults, { cwd: '/w' })).toEqual({ ...defaults, outputKillBytes: 1_000_000 });
  });

  it('lets a run override each limit', () => {
    expect(
      resolveLimits(defaults, {
        cwd: '/w',
        timeoutMs: 5,
        memoryMb: 64,
        maxPids: 16,
        maxOutputBytes: 10,
        outputKillBytes: 10,
        maxDiskMb: 20,
        maxFiles: 30,
      }),
    ).toEqual({
      timeoutMs: 5,
      memoryMb: 64,
      maxPids: 16,
      maxOutputBytes: 10,
      outputKillBytes: 10,
      maxDiskMb: 20,
      maxFiles: 30,
    });
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ memoryMb: -1 }, 'memoryMb'],
    [{ maxPids: 1.5 }, 'maxPids'],
    [{ maxOutputBytes: Number.NaN }, 'maxOutputBytes'],
    [{ outputKillBytes: 5 }, 'outputKillBytes'],
    [{ maxDiskMb: 0 }, 'maxDiskMb'],
    [{ maxFiles: 2.5 }, 'maxFiles'],
  ])('refuses %j with a usage error naming %s', (options, field) => {
    try {
      resolveLimits(defaults, { cwd: '/w', ...options });
      expect.unreachable();
    } catch (error) {
      expect(isGreenlightError(error, 'usage')).toBe(true);
      expect((error as Error).message).toContain(field);
    }
  });
});
