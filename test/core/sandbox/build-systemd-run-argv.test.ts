import { describe, expect, it } from 'vitest';
import { buildSystemdRunArgv, stateDirectoryPath, unitPath } from '../../../src/core/sandbox/build-systemd-run-argv.ts';
import type { SystemdRunPlan } from '../../../src/core/sandbox/build-systemd-run-argv.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const plan: SystemdRunPlan = {
  sudo: '/usr/bin/sudo',
  systemdRun: '/usr/bin/systemd-run',
  unit: 'greenlight-abc123',
  user: 'greenlight-sandbox',
  workspace: '/home/runner/work/r/r',
  cwd: '/home/runner/work/r/r',
  home: '/home/runner',
  homeOwner: { uid: 998, gid: 997 },
  network: false,
  env: { PATH: '/usr/bin:/bin', HOME: '/home/runner', CI: 'true' },
  hide: [
    { path: '/etc/docker', kind: 'dir' },
    { path: '/run/docker.sock', kind: 'file' },
  ],
  readOnly: ['/home/runner/work/r/r/.git'],
  overlays: [{ source: '/tmp/greenlight-sandbox-x/git/config-0', target: '/home/runner/work/r/r/.git/config' }],
  sockets: ['/run/dbus/system_bus_socket'],
  timeoutMs: 90_500,
  memoryMb: 4096,
  maxPids: 1024,
  maxDiskMb: 2048,
  maxFiles: 20_000,
  command: ['sh', '-c', 'echo $HOME ${CI}'],
};

describe('buildSystemdRunArgv', () => {
  it('builds the exact command line', () => {
    expect(buildSystemdRunArgv(plan)).toEqual([
      '/usr/bin/sudo',
      '-n',
      '--',
      '/usr/bin/systemd-run',
      '--unit=greenlight-abc123',
      '--wait',
      '--pipe',
      '--collect',
      '--service-type=exec',
      '--property=User=greenlight-sandbox',
      '--property=Group=greenlight-sandbox',
      '--property=SupplementaryGroups=',
      '--property=NoNewPrivileges=yes',
      '--property=RestrictSUIDSGID=yes',
      '--property=CapabilityBoundingSet=',
      '--property=AmbientCapabilities=',
      '--property=UMask=0022',
      '--property=ProtectSystem=strict',
      '--property=ProtectHome=tmpfs',
      '--property=PrivateDevices=yes',
      '--property=PrivateIPC=yes',
      '--property=ProtectProc=invisible',
      '--property=ProcSubset=pid',
      '--property=ProtectKernelTunables=yes',
      '--property=ProtectKernelModules=yes',
      '--property=ProtectKernelLogs=yes',
      '--property=ProtectControlGroups=yes',
      '--property=ProtectClock=yes',
      '--property=ProtectHostname=yes',
      '--property=LockPersonality=yes',
      '--property=RestrictRealtime=yes',
      '--property=PrivateNetwork=yes',
      '--property=TemporaryFileSystem=/etc/docker:ro',
      '--property=InaccessiblePaths=-/run/docker.sock',
      '--property=TemporaryFileSystem=/tmp:mode=1777,size=2048M,nr_inodes=20000',
      '--property=TemporaryFileSystem=/var/tmp:mode=1777,size=2048M,nr_inodes=20000',
      '--property=TemporaryFileSystem=/home/runner:mode=0700,uid=998,gid=997,size=2048M,nr_inodes=20000',
      '--property=InaccessiblePaths=-/run/dbus/system_bus_socket',
      '--property=BindPaths=/home/runner/work/r/r',
      '--property=BindReadOnlyPaths=/home/runner/work/r/r/.git',
      '--property=BindReadOnlyPaths=/tmp/greenlight-sandbox-x/git/config-0:/home/runner/work/r/r/.git/config',
      '--property=WorkingDirectory=/home/runner/work/r/r',
      '--property=MemoryMax=4096M',
      '--property=MemorySwapMax=0',
      '--property=TasksMax=1024',
      '--property=RuntimeMaxSec=91',
      '--property=LimitCORE=0',
      '--property=LimitFSIZE=2147483648',
      '--property=KillMode=control-group',
      '--property=TimeoutStopSec=5',
      '--setenv=CI=true',
      '--setenv=HOME=/home/runner',
      '--setenv=PATH=/usr/bin:/bin',
      '--',
      'sh',
      '-c',
      'echo $$HOME $${CI}',
    ]);
  });

  it('runs systemd-run directly when the engine is root, and keeps the network for installs', () => {
    const argv = buildSystemdRunArgv({ ...plan, sudo: undefined, network: true });
    expect(argv[0]).toBe('/usr/bin/systemd-run');
    expect(argv).not.toContain('--property=PrivateNetwork=yes');
  });

  it('gives HOME to everyone, sticky, when the sandbox user’s ids are unknown', () => {
    expect(buildSystemdRunArgv({ ...plan, homeOwner: undefined })).toContain(
      '--property=TemporaryFileSystem=/home/runner:mode=1777,size=2048M,nr_inodes=20000',
    );
  });

  it('escapes $ so the service manager passes the command through unexpanded', () => {
    const argv = buildSystemdRunArgv({ ...plan, command: ['echo', '$$', 'a$b', 'none'] });
    expect(argv.slice(-4)).toEqual(['echo', '$$$$', 'a$$b', 'none']);
  });

  it.each(['relative/path', '/with space', '/with:colon', '/with%specifier', '/with"quote'])(
    'refuses the unmountable path %j',
    (path) => {
      try {
        unitPath(path);
        expect.unreachable();
      } catch (error) {
        expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
        expect((error as Error).message).toContain('sandbox.driver: bwrap');
      }
    },
  );

  it('names the sandbox account’s home in passwd', () => {
    expect(stateDirectoryPath('greenlight-sandbox')).toBe('/var/lib/greenlight-sandbox');
  });
});
