import { describe, expect, it } from 'vitest';
import { buildBwrapArgv } from '../../../src/core/sandbox/build-bwrap-argv.ts';
import type { BwrapPlan } from '../../../src/core/sandbox/build-bwrap-argv.ts';

const plan: BwrapPlan = {
  bwrap: '/usr/bin/bwrap',
  workspace: '/home/runner/work/r/r',
  cwd: '/home/runner/work/r/r/pkg',
  home: '/home/runner',
  network: false,
  env: { PATH: '/usr/bin', HOME: '/home/runner' },
  system: [
    { path: '/usr', kind: 'dir' },
    { path: '/bin', kind: 'symlink', target: 'usr/bin' },
    { path: '/etc', kind: 'dir' },
  ],
  privateDirs: ['/tmp', '/run'],
  hide: [
    { path: '/etc/ssh', kind: 'dir' },
    { path: '/etc/shadow', kind: 'file' },
  ],
  keep: ['/run/systemd/resolve'],
  readOnly: ['/home/runner/work/r/r/.git'],
  overlays: [{ source: '/tmp/greenlight-sandbox-x/git/config-0', target: '/home/runner/work/r/r/.git/config' }],
  sockets: ['/etc/app/control.sock'],
  tmpfsBytes: 1_048_576,
  identity: { kind: 'userns', uid: 65534, gid: 65534 },
  command: ['prlimit', '--nproc=64', '--', 'npm', 'test'],
};

/** Index of the first occurrence of a flag followed by its arguments. */
function indexOf(argv: string[], ...sequence: string[]): number {
  return argv.findIndex((_, index) => sequence.every((part, offset) => argv[index + offset] === part));
}

describe('buildBwrapArgv', () => {
  const argv = buildBwrapArgv(plan);

  it('builds the exact command line: system trees, private sized tmpfs, hidden paths, HOME, keeps, workspace, sockets', () => {
    expect(argv).toEqual([
      '/usr/bin/bwrap',
      '--ro-bind', '/usr', '/usr',
      '--symlink', 'usr/bin', '/bin',
      '--ro-bind', '/etc', '/etc',
      '--dev', '/dev',
      '--proc', '/proc',
      '--size', '1048576', '--tmpfs', '/dev/shm',
      '--size', '1048576', '--tmpfs', '/tmp',
      '--size', '1048576', '--tmpfs', '/run',
      '--tmpfs', '/etc/ssh', '--remount-ro', '/etc/ssh',
      '--ro-bind', '/dev/null', '/etc/shadow',
      '--size', '1048576', '--tmpfs', '/home/runner', '--chmod', '0700', '/home/runner',
      '--ro-bind-try', '/run/systemd/resolve', '/run/systemd/resolve',
      '--bind', '/home/runner/work/r/r', '/home/runner/work/r/r',
      '--ro-bind', '/home/runner/work/r/r/.git', '/home/runner/work/r/r/.git',
      '--ro-bind', '/tmp/greenlight-sandbox-x/git/config-0', '/home/runner/work/r/r/.git/config',
      '--ro-bind', '/dev/null', '/etc/app/control.sock',
      '--remount-ro', '/dev',
      '--remount-ro', '/',
      '--chdir', '/home/runner/work/r/r/pkg',
      '--unshare-all',
      '--unshare-user', '--uid', '65534', '--gid', '65534',
      '--hostname', 'greenlight-sandbox',
      '--new-session', '--die-with-parent', '--cap-drop', 'ALL',
      '--clearenv',
      '--setenv', 'HOME', '/home/runner',
      '--setenv', 'PATH', '/usr/bin',
      '--', 'prlimit', '--nproc=64', '--', 'npm', 'test',
    ]); // prettier-ignore
  });

  it('never shows all of / and makes the root read-only last', () => {
    expect(indexOf(argv, '--ro-bind', '/', '/')).toBe(-1);
    expect(indexOf(argv, '--bind', '/', '/')).toBe(-1);
    expect(indexOf(argv, '--remount-ro', '/')).toBeGreaterThan(indexOf(argv, '--bind', plan.workspace));
  });

  it('mounts the workspace after everything that hides, and .git read-only after the workspace', () => {
    const workspace = indexOf(argv, '--bind', plan.workspace);
    expect(workspace).toBeGreaterThan(indexOf(argv, '--tmpfs', '/home/runner'));
    expect(workspace).toBeGreaterThan(indexOf(argv, '--tmpfs', '/tmp'));
    expect(indexOf(argv, '--ro-bind', `${plan.workspace}/.git`)).toBeGreaterThan(workspace);
  });

  it('as root: no user namespace, only the capabilities setpriv needs, and the command as a real unprivileged user', () => {
    const root = buildBwrapArgv({
      ...plan,
      identity: { kind: 'setpriv', setpriv: '/usr/bin/setpriv', uid: 65520, gid: 65520 },
    });
    expect(root).not.toContain('--unshare-all');
    expect(root).not.toContain('--unshare-user');
    for (const flag of ['--unshare-ipc', '--unshare-pid', '--unshare-uts', '--unshare-cgroup-try', '--unshare-net']) {
      expect(root).toContain(flag);
    }
    expect(root.slice(indexOf(root, '--cap-drop'))).toEqual([
      '--cap-drop', 'ALL',
      '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP',
      '--clearenv',
      '--setenv', 'HOME', '/home/runner',
      '--setenv', 'PATH', '/usr/bin',
      '--', '/usr/bin/setpriv', '--reuid=65520', '--regid=65520', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all',
      '--', 'prlimit', '--nproc=64', '--', 'npm', 'test',
    ]); // prettier-ignore
    // bwrap's mounts belong to root there: the private directories let the sandbox user in.
    expect(indexOf(root, '--tmpfs', '/tmp', '--chmod', '1777', '/tmp')).toBeGreaterThan(0);
    expect(indexOf(root, '--tmpfs', '/home/runner', '--chmod', '1777', '/home/runner')).toBeGreaterThan(0);
    expect(
      buildBwrapArgv({ ...plan, network: true, identity: { kind: 'setpriv', setpriv: 's', uid: 1, gid: 1 } }),
    ).not.toContain('--unshare-net');
  });

  it('shares the network only when asked (installs)', () => {
    expect(argv).not.toContain('--share-net');
    const install = buildBwrapArgv({ ...plan, network: true });
    expect(indexOf(install, '--share-net')).toBeGreaterThan(indexOf(install, '--unshare-all'));
  });

  it('leaves tmpfs unsized when bwrap cannot size one', () => {
    expect(buildBwrapArgv({ ...plan, tmpfsBytes: undefined })).not.toContain('--size');
  });

  it('puts the command after --, so a command that looks like a flag is not a bwrap option', () => {
    const odd = buildBwrapArgv({ ...plan, command: ['--bind', '/', '/'] });
    expect(odd.slice(-4)).toEqual(['--', '--bind', '/', '/']);
  });
});
