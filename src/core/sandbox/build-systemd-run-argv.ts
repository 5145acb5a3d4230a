/**
 * The exact `systemd-run` command line for one sandboxed run on a machine where systemd
 * is PID 1 (GitHub-hosted runners). The command runs as a transient service under a
 * dedicated unprivileged user, with its own mount namespace (read-only system, hidden
 * homes, a fresh tmpfs HOME, private sized /tmp, host sockets made inaccessible), no
 * network, no new privileges, cgroup limits and a file-size rlimit. Pure, so each
 * property is unit-tested here, where systemd is not running; the hosted workflow
 * `.github/workflows/sandbox-hosted.yml` proves them on a real runner.
 */
import { GreenlightError } from '../../ports/errors.ts';
import type { HiddenPath } from './build-bwrap-argv.ts';

export interface SystemdRunPlan {
  /** `sudo` when the engine is not root; systemd-run needs the system manager. */
  sudo?: string;
  systemdRun: string;
  /** Unit name, unique per run, so the engine can stop it on its own timeout. */
  unit: string;
  /** The dedicated unprivileged system user (and group) the command runs as. */
  user: string;
  workspace: string;
  cwd: string;
  /**
   * HOME inside the unit: an empty tmpfs at this path (the engine's own home path), owned by
   * the sandbox user when its ids are known (else world-writable with the sticky bit).
   */
  home: string;
  homeOwner?: { uid: number; gid: number };
  network: boolean;
  env: Readonly<Record<string, string>>;
  hide: readonly HiddenPath[];
  readOnly: readonly string[];
  overlays: ReadonlyArray<{ source: string; target: string }>;
  /** Host unix sockets the unit would see: made inaccessible (docs/security.md §32). */
  sockets: readonly string[];
  timeoutMs: number;
  memoryMb: number;
  maxPids: number;
  /** Size of each private tmpfs and the file-size rlimit (docs/security.md §33). */
  maxDiskMb: number;
  /** Inodes of each private tmpfs. */
  maxFiles: number;
  command: readonly string[];
}

/** Build argv (argv[0] is sudo or systemd-run). */
export function buildSystemdRunArgv(plan: SystemdRunPlan): string[] {
  const argv: string[] = [];
  if (plan.sudo !== undefined) argv.push(plan.sudo, '-n', '--');
  argv.push(plan.systemdRun, `--unit=${plan.unit}`, '--wait', '--pipe', '--collect', '--service-type=exec');
  const p = (property: string): void => {
    argv.push(`--property=${property}`);
  };

  // Who: a dedicated unprivileged user (not the engine's: same-uid processes could read the
  // engine's /proc/<pid>/environ), no supplementary groups (the runner's primary group is
  // `docker` on hosted runners), no way back to root.
  p(`User=${plan.user}`);
  p(`Group=${plan.user}`);
  p('SupplementaryGroups=');
  p('NoNewPrivileges=yes');
  p('RestrictSUIDSGID=yes');
  p('CapabilityBoundingSet=');
  p('AmbientCapabilities=');
  p('UMask=0022');

  // What it sees: read-only system, no homes, private devices, only its own processes.
  p('ProtectSystem=strict');
  p('ProtectHome=tmpfs');
  p('PrivateDevices=yes');
  p('PrivateIPC=yes');
  p('ProtectProc=invisible');
  p('ProcSubset=pid');
  p('ProtectKernelTunables=yes');
  p('ProtectKernelModules=yes');
  p('ProtectKernelLogs=yes');
  p('ProtectControlGroups=yes');
  p('ProtectClock=yes');
  p('ProtectHostname=yes');
  p('LockPersonality=yes');
  p('RestrictRealtime=yes');
  // A private network namespace still has loopback, so tests may serve on 127.0.0.1.
  if (!plan.network) p('PrivateNetwork=yes');
  for (const hidden of plan.hide) {
    // '-' ignores a path that vanished since it was checked.
    if (hidden.kind === 'dir') p(`TemporaryFileSystem=${unitPath(hidden.path)}:ro`);
    else p(`InaccessiblePaths=-${unitPath(hidden.path)}`);
  }
  // Private, sized /tmp, /var/tmp and HOME (instead of PrivateTmp=, which is disk-backed and
  // unbounded), each fresh for the run: nothing one run leaves there can steer the next.
  const sized = `size=${plan.maxDiskMb}M,nr_inodes=${plan.maxFiles}`;
  p(`TemporaryFileSystem=/tmp:mode=1777,${sized}`);
  p(`TemporaryFileSystem=/var/tmp:mode=1777,${sized}`);
  const owner =
    plan.homeOwner === undefined ? 'mode=1777' : `mode=0700,uid=${plan.homeOwner.uid},gid=${plan.homeOwner.gid}`;
  p(`TemporaryFileSystem=${unitPath(plan.home)}:${owner},${sized}`);
  for (const socket of plan.sockets) p(`InaccessiblePaths=-${unitPath(socket)}`);
  // A bind is writable even under ProtectSystem=strict and shows through ProtectHome=tmpfs.
  p(`BindPaths=${unitPath(plan.workspace)}`);
  for (const path of plan.readOnly) p(`BindReadOnlyPaths=${unitPath(path)}`);
  for (const overlay of plan.overlays) p(`BindReadOnlyPaths=${unitPath(overlay.source)}:${unitPath(overlay.target)}`);
  p(`WorkingDirectory=${unitPath(plan.cwd)}`);

  // Limits, enforced by the unit's cgroup and the service manager.
  p(`MemoryMax=${plan.memoryMb}M`);
  p('MemorySwapMax=0');
  p(`TasksMax=${plan.maxPids}`);
  p(`RuntimeMaxSec=${Math.max(1, Math.ceil(plan.timeoutMs / 1000))}`);
  p('LimitCORE=0');
  p(`LimitFSIZE=${plan.maxDiskMb * 1024 * 1024}`);
  p('KillMode=control-group');
  p('TimeoutStopSec=5');

  for (const [name, value] of Object.entries(plan.env).sort(([a], [b]) => a.localeCompare(b))) {
    argv.push(`--setenv=${name}=${value}`);
  }
  // The service manager expands $VAR and ${VAR} in ExecStart; `$$` is a literal `$`.
  argv.push('--', ...plan.command.map((arg) => arg.replaceAll('$', '$$$$')));
  return argv;
}

/**
 * A path as a unit property value. Properties are space-separated lists split on `:`,
 * with `%` specifiers; rather than depend on each property's escaping rules, paths
 * with such characters are refused with an actionable error.
 */
export function unitPath(path: string): string {
  if (!path.startsWith('/') || /[\s:%"'\\]/.test(path)) {
    throw new GreenlightError(
      'sandbox-unavailable',
      `the systemd-run sandbox cannot mount ${JSON.stringify(path)}: paths must be absolute, without spaces, colons, quotes, backslashes or %. Move the workspace, or use sandbox.driver: bwrap.`,
    );
  }
  return path;
}

/** Home directory systemd creates for `StateDirectory=<name>`. */
export function stateDirectoryPath(name: string): string {
  return `/var/lib/${name}`;
}
