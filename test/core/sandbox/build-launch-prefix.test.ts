import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLaunchPrefix } from '../../../src/core/sandbox/build-launch-prefix.ts';
import { buildRlimitPrefix } from '../../../src/core/sandbox/build-rlimit-prefix.ts';

describe('buildLaunchPrefix', () => {
  it('passes data limit, count and the files to enter as arguments, never inside the script', () => {
    const argv = buildLaunchPrefix({
      enterFiles: ['/sys/fs/cgroup/pids/g/tasks', '/sys/fs/cgroup/memory/g/tasks'],
      dataBytes: 1_000_000,
      fileBytes: 1_000_000,
    });
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv[2]).not.toContain('/sys/fs/cgroup');
    expect(argv.slice(3)).toEqual([
      'greenlight-launch',
      '977',
      '1954',
      '2',
      '/sys/fs/cgroup/pids/g/tasks',
      '/sys/fs/cgroup/memory/g/tasks',
    ]);
  });

  it('really enters the listed files, sets the rlimits and execs the command (run with sh)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-launch-'));
    try {
      const tasks = join(dir, 'tasks');
      writeFileSync(tasks, '');
      const prefix = buildLaunchPrefix({ enterFiles: [tasks], dataBytes: 512 * 1024 * 1024, fileBytes: 4096 });
      const out = execFileSync(
        prefix[0] as string,
        [
          ...prefix.slice(1),
          'sh',
          '-c',
          `echo "$$ $(ulimit -c) $(ulimit -d)"; head -c 10000 /dev/zero > ${join(dir, 'big')}; wc -c < ${join(dir, 'big')}`,
        ],
        { encoding: 'utf8', stdio: 'pipe' },
      );
      const [pid, core, data, written] = out.trim().split(/\s+/);
      // `0` is the kernel's "the writing task": the launcher itself, whose pid exec keeps.
      expect(readFileSync(tasks, 'utf8')).toBe('0\n');
      expect(Number(pid)).toBeGreaterThan(0);
      expect([core, data]).toEqual(['0', String(512 * 1024)]);
      expect(written).toBe('4096'); // no file grows past the file-size limit
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with 125 when a cgroup cannot be entered, before running anything', () => {
    const prefix = buildLaunchPrefix({ enterFiles: ['/nonexistent/tasks'] });
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
