import { describe, expect, it } from 'vitest';
import { locateCgroups } from '../../../src/core/sandbox/locate-cgroups.ts';

describe('locateCgroups', () => {
  it('finds v1 controller directories and the v2 group of a hybrid host', () => {
    const self = ['9:name=systemd:/', '8:pids:/', '4:memory:/process_api/abc', '1:cpu,cpuacct:/', '0::/'].join('\n');
    const mountinfo = [
      '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
      '35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
      '39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
      '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct',
      '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
    ].join('\n');
    expect(locateCgroups(self, mountinfo)).toEqual({
      v1: {
        pids: '/sys/fs/cgroup/pids',
        memory: '/sys/fs/cgroup/memory/process_api/abc',
        cpu: '/sys/fs/cgroup/cpu,cpuacct',
        cpuacct: '/sys/fs/cgroup/cpu,cpuacct',
      },
      v2: '/sys/fs/cgroup/unified',
    });
  });

  it('finds the v2 group of a unified host (hosted runner step)', () => {
    const self = '0::/system.slice/runner-provisioner.service\n';
    const mountinfo =
      '30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n';
    expect(locateCgroups(self, mountinfo)).toEqual({
      v1: {},
      v2: '/sys/fs/cgroup/system.slice/runner-provisioner.service',
    });
  });

  it('maps a mount that shows a sub-tree (containers) and unescapes mount points', () => {
    const self = '0::/docker/abc/inner\n';
    const mountinfo = '40 30 0:26 /docker/abc /sys/fs/cgroup\\040x ro - cgroup2 cgroup2 rw\n';
    expect(locateCgroups(self, mountinfo).v2).toBe('/sys/fs/cgroup x/inner');
  });

  it('returns nothing for empty input', () => {
    expect(locateCgroups('', '')).toEqual({ v1: {}, v2: null });
  });
});
