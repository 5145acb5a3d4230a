/**
 * Can a driver work on this machine? Each probe runs the real thing once (a trivial
 * command with the same isolation flags) and explains a failure in words the user can
 * act on. Probes never throw.
 */
import { access } from 'node:fs/promises';
import { findExecutable } from './find-executable.ts';
import type { ProcessRunner } from './run-process.ts';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

const PROBE = { timeoutMs: 10_000, maxOutputBytes: 4_000, outputKillBytes: 40_000 };

/** bwrap exists and can create the namespaces the driver uses. */
export async function probeBwrap(
  runner: ProcessRunner,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ProbeResult> {
  const bwrap = await findExecutable('bwrap', env.PATH);
  if (bwrap === null) return { ok: false, reason: 'bwrap is not installed (apt-get install bubblewrap)' };
  const result = await runner(
    [
      bwrap,
      '--ro-bind',
      '/',
      '/',
      '--dev',
      '/dev',
      '--proc',
      '/proc',
      '--tmpfs',
      '/tmp',
      '--unshare-all',
      '--unshare-user',
      '--uid',
      '65534',
      '--gid',
      '65534',
      '--new-session',
      '--die-with-parent',
      '--',
      'true',
    ],
    { ...PROBE, cwd: '/', env: { PATH: env.PATH ?? '/usr/bin:/bin' } },
  );
  if (result.exitCode === 0) return { ok: true };
  const detail = result.stderr.text.trim() || `exit ${result.exitCode ?? result.signal}`;
  const hint = /namespace|uid map|Permission denied|Operation not permitted/i.test(detail)
    ? ' (unprivileged user namespaces are disabled: on Ubuntu 24.04 run `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0`; elsewhere check kernel.unprivileged_userns_clone and user.max_user_namespaces)'
    : '';
  return { ok: false, reason: `bwrap cannot create a sandbox here: ${detail}${hint}` };
}

export interface SystemdProbeHost {
  /** Exists only when systemd booted the machine (sd_booted). */
  systemdDir: string;
  find(name: string): Promise<string | null>;
}

/** systemd is PID 1 and running, systemd-run exists, and (unless root) `sudo -n` works. */
export async function probeSystemd(
  runner: ProcessRunner,
  env: Readonly<Record<string, string | undefined>>,
  isRoot: boolean,
  host: SystemdProbeHost = { systemdDir: '/run/systemd/system', find: (name) => findExecutable(name, env.PATH) },
): Promise<ProbeResult> {
  const booted = await access(host.systemdDir).then(
    () => true,
    () => false,
  );
  if (!booted) return { ok: false, reason: `systemd is not the init system here (${host.systemdDir} is missing)` };
  const systemdRun = await host.find('systemd-run');
  const systemctl = await host.find('systemctl');
  if (systemdRun === null || systemctl === null)
    return { ok: false, reason: 'systemd-run or systemctl is not installed' };
  const childEnv = { PATH: env.PATH ?? '/usr/bin:/bin' };
  const state = await runner([systemctl, 'is-system-running'], { ...PROBE, cwd: '/', env: childEnv });
  const status = state.stdout.text.trim();
  if (!['running', 'degraded', 'starting'].includes(status)) {
    return {
      ok: false,
      reason: `systemd is not running (systemctl is-system-running: ${status || state.stderr.text.trim() || 'no answer'})`,
    };
  }
  if (!isRoot) {
    const sudo = await host.find('sudo');
    const check = sudo === null ? null : await runner([sudo, '-n', 'true'], { ...PROBE, cwd: '/', env: childEnv });
    if (check === null || check.exitCode !== 0) {
      return { ok: false, reason: 'systemd-run needs root: greenlight is not root and `sudo -n true` fails' };
    }
  }
  return { ok: true };
}
