/**
 * The exact bubblewrap command line for one sandboxed run. Pure, so the mount order
 * (which decides what the child can see) is unit-tested; the bwrap driver only fills
 * in facts it checked on disk (which hidden paths exist, where the git dirs are).
 *
 * Mount order matters: later mounts cover earlier ones. The host root comes first,
 * read-only; then private /tmp and /run and the hidden paths; then what must stay
 * visible below them (DNS config for installs, the sandbox HOME, the workspace); then
 * the read-only git dirs and the sanitized git configs on top of the workspace.
 */

export interface HiddenPath {
  path: string;
  /** A directory gets an empty tmpfs; anything else gets /dev/null bound over it. */
  kind: 'dir' | 'file';
}

export interface BwrapPlan {
  bwrap: string;
  workspace: string;
  cwd: string;
  /** Host directory bound read-write as the sandbox HOME (same path inside). */
  home: string;
  /** Network namespace shared with the host (installs only). */
  network: boolean;
  env: Readonly<Record<string, string>>;
  hide: readonly HiddenPath[];
  /** Host paths bound read-only again after the hiding (e.g. /run/systemd/resolve for DNS). */
  keep: readonly string[];
  /** Paths inside the workspace (or git dirs elsewhere) re-bound read-only: `.git`. */
  readOnly: readonly string[];
  /** Files shown in place of others, read-only: sanitized git configs. */
  overlays: ReadonlyArray<{ source: string; target: string }>;
  /** uid/gid inside the user namespace; an unprivileged one, so `sudo` has nothing to gain. */
  uid: number;
  gid: number;
  /** The command, already wrapped by any rlimit prefix. */
  command: readonly string[];
}

/** Unprivileged ids used inside the sandbox: nobody/nogroup. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

/** Build argv for `bwrap` (argv[0] is the bwrap binary). */
export function buildBwrapArgv(plan: BwrapPlan): string[] {
  const argv: string[] = [plan.bwrap];
  const add = (...parts: string[]): void => {
    argv.push(...parts);
  };

  add('--ro-bind', '/', '/');
  add('--dev', '/dev');
  add('--proc', '/proc');
  add('--tmpfs', '/tmp');
  add('--tmpfs', '/run');
  add('--tmpfs', '/var/tmp');
  for (const hidden of plan.hide) {
    if (hidden.path === '/tmp' || hidden.path === '/run' || hidden.path === '/var/tmp') continue;
    if (hidden.kind === 'dir') add('--tmpfs', hidden.path);
    else add('--ro-bind', '/dev/null', hidden.path);
  }
  for (const path of plan.keep) add('--ro-bind-try', path, path);
  add('--bind', plan.home, plan.home);
  add('--bind', plan.workspace, plan.workspace);
  for (const path of plan.readOnly) add('--ro-bind', path, path);
  for (const overlay of plan.overlays) add('--ro-bind', overlay.source, overlay.target);
  add('--chdir', plan.cwd);

  add('--unshare-all');
  if (plan.network) add('--share-net');
  add('--unshare-user', '--uid', String(plan.uid), '--gid', String(plan.gid));
  add('--hostname', 'greenlight-sandbox');
  add('--new-session', '--die-with-parent', '--cap-drop', 'ALL');
  add('--clearenv');
  for (const [name, value] of Object.entries(plan.env).sort(([a], [b]) => a.localeCompare(b))) {
    add('--setenv', name, value);
  }
  add('--', ...plan.command);
  return argv;
}
