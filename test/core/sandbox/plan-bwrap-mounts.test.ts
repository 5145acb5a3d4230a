import { describe, expect, it } from 'vitest';
import { planBwrapMounts, showsHostPath, type MountPlan } from '../../../src/core/sandbox/plan-bwrap-mounts.ts';

const plan: MountPlan = {
  workspace: '/srv/ci/repo',
  home: '/home/runner',
  system: [
    { path: '/usr', kind: 'dir' },
    { path: '/etc', kind: 'dir' },
    { path: '/var', kind: 'dir' },
    { path: '/bin', kind: 'symlink', target: 'usr/bin' },
  ],
  privateDirs: ['/tmp', '/var/tmp', '/run'],
  hide: [
    { path: '/etc/ssh', kind: 'dir' },
    { path: '/opt/toolchain/credentials', kind: 'file' },
  ],
  keep: ['/opt/toolchain', '/tmp/ci/node_modules'],
  readOnly: ['/srv/ci/repo/.git'],
  overlays: [{ source: '/tmp/scratch/config-0', target: '/srv/ci/repo/.git/config' }],
  sockets: [],
  identity: { kind: 'userns', uid: 65534, gid: 65534 },
};

describe('planBwrapMounts and showsHostPath', () => {
  const ops = planBwrapMounts(plan);

  it.each([
    ['/usr/bin/node', true],
    ['/etc/passwd', true],
    ['/var/lib/mysql/mysql.sock', true],
    ['/srv/ci/repo/src/a.ts', true],
    ['/srv/ci/repo/.git/HEAD', true],
    ['/opt/toolchain/bin/cargo', true],
    ['/tmp/ci/node_modules/.bin/vitest', true],
  ])('shows %s', (path, shown) => {
    expect(showsHostPath(ops, path)).toBe(shown);
  });

  it.each([
    ['/', 'not all of /'],
    ['/home/runner/.bashrc', "the engine's home is an empty tmpfs"],
    ['/home/other/.ssh/id_rsa', 'other homes are not mounted'],
    ['/root/.npmrc', 'nor is /root'],
    ['/srv/ci/other-checkout/x', 'only the workspace of /srv'],
    ['/tmp/host.sock', '/tmp is private'],
    ['/var/tmp/x', '/var/tmp is private'],
    ['/run/docker.sock', '/run is private'],
    ['/etc/ssh/ssh_host_rsa_key', 'hidden secrets'],
    ['/opt/toolchain/credentials', 'hidden inside a kept directory, after it'],
    ['/srv/ci/repo/.git/config', 'the sanitized copy is shown, not the host file'],
    ['/bin/sh', 'a path through a symlink is judged at its target'],
    ['/dev/log', '/dev is the sandbox’s own'],
    ['/proc/1/environ', '/proc is the sandbox’s own'],
  ])('does not show %s: %s', (path) => {
    expect(showsHostPath(ops, path)).toBe(false);
  });

  it('hides a socket once it is in the plan', () => {
    const withSocket = planBwrapMounts({ ...plan, sockets: ['/var/lib/mysql/mysql.sock'] });
    expect(showsHostPath(withSocket, '/var/lib/mysql/mysql.sock')).toBe(false);
    expect(withSocket.at(-3)).toEqual({ op: 'ro-bind', source: '/dev/null', target: '/var/lib/mysql/mysql.sock' });
  });

  it('as root, opens the directories bwrap creates on the way to a mount, never those the host shows', () => {
    const root = planBwrapMounts({
      ...plan,
      workspace: '/tmp/private-0700/ws',
      readOnly: ['/tmp/private-0700/ws/.git'],
      overlays: [{ source: '/tmp/scratch/gitconfig', target: '/run/greenlight/gitconfig' }],
      keep: ['/srv/tools/bin'],
      identity: { kind: 'setpriv', setpriv: '/usr/bin/setpriv', uid: 65520, gid: 65520 },
    });
    expect(root.filter((op) => op.op === 'dir')).toEqual([
      { op: 'dir', path: '/srv', mode: '0755' },
      { op: 'dir', path: '/srv/tools', mode: '0755' },
      { op: 'dir', path: '/tmp/private-0700', mode: '0755' },
      { op: 'dir', path: '/run/greenlight', mode: '0755' },
    ]);
    const workspace = root.findIndex((op) => op.op === 'bind');
    expect(root.findIndex((op) => op.op === 'dir' && op.path === '/tmp/private-0700')).toBeLessThan(workspace);
    // Under a user namespace the sandbox owns what bwrap creates: nothing to open.
    expect(planBwrapMounts({ ...plan, workspace: '/tmp/private-0700/ws' }).some((op) => op.op === 'dir')).toBe(false);
  });

  it("a hosted runner's layout: the workspace inside the engine's home shows, nothing else of the home", () => {
    const hosted = planBwrapMounts({ ...plan, workspace: '/home/runner/work/r/r', readOnly: [], overlays: [] });
    expect(showsHostPath(hosted, '/home/runner/work/r/r/src/a.ts')).toBe(true);
    expect(showsHostPath(hosted, '/home/runner/.bashrc')).toBe(false);
    expect(showsHostPath(hosted, '/home/runner/work/_temp/_runner_file_commands/set_env_1')).toBe(false);
    const home = hosted.findIndex((op) => op.op === 'tmpfs' && op.path === '/home/runner');
    expect(hosted.findIndex((op) => op.op === 'bind' && op.target === '/home/runner/work/r/r')).toBeGreaterThan(home);
  });

  it('hides a secret inside a kept directory only after the directory is kept', () => {
    const keep = ops.findIndex((op) => op.op === 'ro-bind-try' && op.target === '/opt/toolchain');
    const hide = ops.findIndex((op) => op.op === 'ro-bind' && op.target === '/opt/toolchain/credentials');
    expect(hide).toBeGreaterThan(keep);
  });
});
