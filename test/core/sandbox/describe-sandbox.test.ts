import { describe, expect, it } from 'vitest';
import { describeSandbox, formatBytes, formatDuration } from '../../../src/core/sandbox/describe-sandbox.ts';
import type { SandboxInfo } from '../../../src/ports/sandbox.ts';

const bwrap: SandboxInfo = {
  driver: 'bwrap',
  networkIsolation: true,
  limits: {
    timeoutMs: 900_000,
    memoryMb: 4096,
    maxPids: 1024,
    maxOutputBytes: 4_000_000,
    maxDiskMb: 2048,
    maxFiles: 20_000,
  },
  enforcement: { memory: 'cgroup', pids: 'rlimit', disk: 'watched' },
  warnings: [],
};
const none: SandboxInfo = {
  ...bwrap,
  driver: 'none',
  networkIsolation: false,
  enforcement: { memory: 'rlimit', pids: 'none' },
  identity: undefined,
  warnings: ['sandbox.driver is "none": no isolation.\nInstall bubblewrap.'],
};

describe('describeSandbox', () => {
  it('renders one text line with driver, network and limits', () => {
    expect(describeSandbox(bwrap)).toBe(
      'sandbox: bwrap, network off; limits: time 15 min, memory 4096 MB (cgroup), 1024 processes (rlimit), writes 2048 MB and 20000 files (watched), output 4 MB per stream',
    );
  });

  it('says who commands run as when the driver says it, in text and markdown', () => {
    const root = { ...bwrap, identity: 'greenlight runs as root: commands run as greenlight-sandbox (uid 65520).' };
    expect(describeSandbox(root).split('\n')).toEqual([
      describeSandbox(bwrap),
      'greenlight runs as root: commands run as greenlight-sandbox (uid 65520).',
    ]);
    expect(describeSandbox(root, 'markdown')).toContain(
      'output 4 MB per stream\n\ngreenlight runs as root: commands run as greenlight-sandbox (uid 65520).',
    );
  });

  it('keeps every warning, loud, in text and markdown', () => {
    expect(describeSandbox(none)).toBe(
      'sandbox: none, network NOT isolated; limits: time 15 min, memory 4096 MB (rlimit), 1024 processes (NOT enforced), writes 2048 MB and 20000 files, output 4 MB per stream\n' +
        'WARNING: sandbox.driver is "none": no isolation. Install bubblewrap.',
    );
    expect(describeSandbox(none, 'markdown')).toBe(
      '**Sandbox:** `none` · network NOT isolated · time 15 min · memory 4096 MB (rlimit) · 1024 processes (NOT enforced) · writes 2048 MB and 20000 files · output 4 MB per stream' +
        '\n\n> [!WARNING]\n> sandbox.driver is "none": no isolation. Install bubblewrap.',
    );
  });

  it('omits the mechanism when the driver does not report it', () => {
    expect(describeSandbox({ ...bwrap, enforcement: undefined })).toContain(
      'memory 4096 MB, 1024 processes, writes 2048 MB and 20000 files,',
    );
  });

  it.each([
    [900_000, '15 min'],
    [90_000, '90 s'],
    [1_500, '1.5 s'],
    [250, '250 ms'],
  ])('formatDuration(%d) is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [4_000_000, '4 MB'],
    [1_500_000_000, '1.5 GB'],
    [10_000, '10 kB'],
    [12, '12 bytes'],
  ])('formatBytes(%d) is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
