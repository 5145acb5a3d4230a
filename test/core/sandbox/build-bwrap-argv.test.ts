import { describe, expect, it } from 'vitest';
import { buildBwrapArgv } from '../../../src/core/sandbox/build-bwrap-argv.ts';
import type { BwrapPlan } from '../../../src/core/sandbox/build-bwrap-argv.ts';

const plan: BwrapPlan = {
  bwrap: '/usr/bin/bwrap',
  workspace: '/home/runner/work/r/r',
  cwd: '/home/runner/work/r/r/pkg',
  home: '/tmp/greenlight-sandbox-x/home',
  network: false,
  env: { PATH: '/usr/bin', HOME: '/tmp/greenlight-sandbox-x/home' },
  hide: [
    { path: '/home/runner/work/_temp', kind: 'dir' },
    { path: '/home/runner/.git-credentials', kind: 'file' },
  ],
  keep: ['/run/systemd/resolve'],
  readOnly: ['/home/runner/work/r/r/.git'],
  overlays: [{ source: '/tmp/greenlight-sandbox-x/git/config-0', target: '/home/runner/work/r/r/.git/config' }],
  uid: 65534,
  gid: 65534,
  command: ['prlimit', '--core=0', '--', 'npm', 'test'],
};

/** Index of the first occurrence of a flag followed by its arguments. */
function indexOf(argv: string[], ...sequence: string[]): number {
  return argv.findIndex((_, index) => sequence.every((part, offset) => argv[index + offset] === part));
}

describe('buildBwrapArgv', () => {
  const argv = buildBwrapArgv(plan);

  it('builds the exact command line', () => {
    expect(argv).toEqual([
      '/usr/bin/bwrap',
      '--ro-bind',
      '/',
      '/',
      '--dev',
      '/dev',
      '--proc',
      '/proc',
      '--tmpfs',
      '/tmp',
      '--tmpfs',
      '/run',
      '--tmpfs',
      '/var/tmp',
      '--tmpfs',
      '/home/runner/work/_temp',
      '--ro-bind',
      '/dev/null',
      '/home/runner/.git-credentials',
      '--ro-bind-try',
      '/run/systemd/resolve',
      '/run/systemd/resolve',
      '--bind',
      '/tmp/greenlight-sandbox-x/home',
      '/tmp/greenlight-sandbox-x/home',
      '--bind',
      '/home/runner/work/r/r',
      '/home/runner/work/r/r',
      '--ro-bind',
      '/home/runner/work/r/r/.git',
      '/home/runner/work/r/r/.git',
      '--ro-bind',
      '/tmp/greenlight-sandbox-x/git/config-0',
      '/home/runner/work/r/r/.git/config',
      '--chdir',
      '/home/runner/work/r/r/pkg',
      '--unshare-all',
      '--unshare-user',
      '--uid',
      '65534',
      '--gid',
      '65534',
      '--hostname',
      'greenlight-sandbox',
      '--new-session',
      '--die-with-parent',
      '--cap-drop',
      'ALL',
      '--clearenv',
      '--setenv',
      'HOME',
      '/tmp/greenlight-sandbox-x/home',
      '--setenv',
      'PATH',
      '/usr/bin',
      '--',
      'prlimit',
      '--core=0',
      '--',
      'npm',
      'test',
    ]);
  });

  it('mounts the workspace after everything that hides, and .git read-only after the workspace', () => {
    const workspace = indexOf(argv, '--bind', plan.workspace);
    expect(workspace).toBeGreaterThan(indexOf(argv, '--tmpfs', '/home/runner/work/_temp'));
    expect(workspace).toBeGreaterThan(indexOf(argv, '--tmpfs', '/tmp'));
    expect(indexOf(argv, '--ro-bind', `${plan.workspace}/.git`)).toBeGreaterThan(workspace);
    expect(indexOf(argv, '--ro-bind', '/tmp/greenlight-sandbox-x/git/config-0')).toBeGreaterThan(
      indexOf(argv, '--ro-bind', `${plan.workspace}/.git`),
    );
  });

  it('shares the network only when asked (installs)', () => {
    expect(argv).not.toContain('--share-net');
    const install = buildBwrapArgv({ ...plan, network: true });
    expect(indexOf(install, '--share-net')).toBeGreaterThan(indexOf(install, '--unshare-all'));
  });

  it('puts the command after --, so a command that looks like a flag is not a bwrap option', () => {
    const odd = buildBwrapArgv({ ...plan, command: ['--bind', '/', '/'] });
    expect(odd.slice(-4)).toEqual(['--', '--bind', '/', '/']);
  });

  it('does not mount /tmp, /run or /var/tmp twice when they are also listed as hidden', () => {
    const twice = buildBwrapArgv({
      ...plan,
      hide: [
        { path: '/tmp', kind: 'dir' },
        { path: '/run', kind: 'dir' },
      ],
    });
    expect(twice.filter((part) => part === '/tmp')).toHaveLength(1);
  });
});
