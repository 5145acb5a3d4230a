import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLaunchPrefix } from '../../../src/core/sandbox/build-launch-prefix.ts';
import { buildRlimitPrefix } from '../../../src/core/sandbox/build-rlimit-prefix.ts';

describe('buildLaunchPrefix', () => {
  it('passes data limit, count and procs files as arguments, never inside the script', () => {
    const argv = buildLaunchPrefix({
      procsFiles: ['/sys/fs/cgroup/pids/g/cgroup.procs', '/sys/fs/cgroup/memory/g/cgroup.procs'],
      dataBytes: 1_000_000,
    });
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv[2]).not.toContain('/sys/fs/cgroup');
    expect(argv.slice(3)).toEqual([
      'greenlight-launch',
      '977',
      '2',
      '/sys/fs/cgroup/pids/g/cgroup.procs',
      '/sys/fs/cgroup/memory/g/cgroup.procs',
    ]);
  });

  it('really enters the listed files, sets the rlimits and execs the command (run with sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-launch-'));
    try {
      const procs = join(dir, 'cgroup.procs');
      writeFileSync(procs, '');
      const prefix = buildLaunchPrefix({ procsFiles: [procs], dataBytes: 512 * 1024 * 1024 });
      const out = execFileSync(
        prefix[0] as string,
        [...prefix.slice(1), 'sh', '-c', 'echo "$$ $(ulimit -c) $(ulimit -d)"'],
        { encoding: 'utf8' },
      );
      const [pid, core, data] = out.trim().split(' ');
      expect(readFileSync(procs, 'utf8').trim()).toBe(pid); // exec keeps the pid that entered the group
      expect([core, data]).toEqual(['0', String(512 * 1024)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with 125 when a cgroup cannot be entered, before running anything', () => {
    const prefix = buildLaunchPrefix({ procsFiles: ['/nonexistent/cgroup.procs'] });
    try {
      execFileSync(prefix[0] as string, [...prefix.slice(1), 'echo', 'ran'], { encoding: 'utf8', stdio: 'pipe' });
      expect.unreachable();
    } catch (error) {
      expect((error as { status: number }).status).toBe(125);
      expect((error as { stdout: string }).stdout).toBe('');
    }
  });
});

describe('buildRlimitPrefix', () => {
  it('sets RLIMIT_NPROC', () => {
    expect(buildRlimitPrefix('/usr/bin/prlimit', 64)).toEqual(['/usr/bin/prlimit', '--nproc=64', '--']);
  });
});
