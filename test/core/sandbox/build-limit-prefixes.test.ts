import { describe, expect, it } from 'vitest';
import { buildCgroupEnterPrefix } from '../../../src/core/sandbox/build-cgroup-enter-prefix.ts';
import { buildRlimitPrefix } from '../../../src/core/sandbox/build-rlimit-prefix.ts';

describe('buildRlimitPrefix', () => {
  it.each([
    [{ prlimit: '/usr/bin/prlimit' }, ['/usr/bin/prlimit', '--core=0', '--']],
    [{ prlimit: 'prlimit', maxPids: 64 }, ['prlimit', '--core=0', '--nproc=64', '--']],
    [{ prlimit: 'prlimit', maxPids: 64, memoryBytes: 1024 }, ['prlimit', '--core=0', '--nproc=64', '--data=1024', '--']],
  ])('%j', (request, expected) => {
    expect(buildRlimitPrefix(request)).toEqual(expected);
  });
});

describe('buildCgroupEnterPrefix', () => {
  it('is empty without cgroups', () => {
    expect(buildCgroupEnterPrefix([])).toEqual([]);
  });

  it('passes the procs files as arguments, never inside the script', () => {
    const argv = buildCgroupEnterPrefix(['/sys/fs/cgroup/pids/g/cgroup.procs', '/sys/fs/cgroup/memory/g/cgroup.procs']);
    expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(argv[2]).not.toContain('/sys/fs/cgroup');
    expect(argv.slice(3)).toEqual(['greenlight-cgroup-enter', '2', '/sys/fs/cgroup/pids/g/cgroup.procs', '/sys/fs/cgroup/memory/g/cgroup.procs']);
  });
});
