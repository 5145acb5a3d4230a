import { describe, expect, it } from 'vitest';
import { describeLimitHit } from '../../../src/core/sandbox/describe-limit-hit.ts';
import type { ResolvedLimits } from '../../../src/core/sandbox/resolve-limits.ts';

const limits: ResolvedLimits = {
  timeoutMs: 900_000,
  memoryMb: 4096,
  maxPids: 1024,
  maxOutputBytes: 4_000_000,
  outputKillBytes: 40_000_000,
  maxDiskMb: 200,
  maxFiles: 20_000,
};

describe('describeLimitHit', () => {
  it.each<[Parameters<typeof describeLimitHit>[0], Parameters<typeof describeLimitHit>[2], string]>([
    [
      'disk',
      { bytes: 210_000_000, files: 1 },
      'stopped at the disk limit: the command wrote 210 MB in the workspace, more than sandbox.maxDiskMb (200 MB)',
    ],
    [
      'disk',
      undefined,
      'stopped at the disk limit: a write was refused (a file reached sandbox.maxDiskMb, 200 MB, or a private temp directory or the home directory filled up)',
    ],
    [
      'files',
      { bytes: 10, files: 20_004 },
      'stopped at the file limit: the command created or changed 20,004 files in the workspace, more than sandbox.maxFiles (20,000)',
    ],
    ['memory', undefined, 'stopped at the memory limit (sandbox.memoryMb, 4096 MB)'],
    ['pids', undefined, 'stopped at the process limit (sandbox.maxPids, 1024)'],
    ['output', undefined, 'stopped at the output limit (40 MB on one stream)'],
    ['time', undefined, 'stopped at the time limit (15 min)'],
  ])('%s (%j) names its setting', (limit, written, text) => {
    expect(describeLimitHit(limit, limits, written)).toBe(text);
  });
});
