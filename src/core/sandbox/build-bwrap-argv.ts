/**
 * The exact bubblewrap command line for one sandboxed run: the mounts of
 * `planBwrapMounts`, then the namespaces and the identity. Pure, so every flag is
 * unit-tested; the bwrap driver only fills in facts it checked on disk (which system
 * paths and hidden paths exist, where the git dirs are, which host sockets would show).
 */
import { planBwrapMounts, type MountOp, type MountPlan } from './plan-bwrap-mounts.ts';

export type { HiddenPath, SandboxIdentity, SystemEntry } from './plan-bwrap-mounts.ts';

export interface BwrapPlan extends MountPlan {
  bwrap: string;
  cwd: string;
  /** Network namespace shared with the host (installs only). */
  network: boolean;
  env: Readonly<Record<string, string>>;
  /** The command, already wrapped by any rlimit prefix. */
  command: readonly string[];
}

/** Unprivileged ids used inside a user namespace (the engine is not root): nobody/nogroup. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

/** Capabilities bwrap keeps for `setpriv` when the engine is root; setpriv drops them all. */
const ID_CHANGE_CAPS = ['CAP_SETUID', 'CAP_SETGID', 'CAP_SETPCAP'];

/** Build argv for `bwrap` (argv[0] is the bwrap binary). */
export function buildBwrapArgv(plan: BwrapPlan): string[] {
  const argv: string[] = [plan.bwrap];
  const add = (...parts: string[]): void => {
    argv.push(...parts);
  };
  for (const op of planBwrapMounts(plan)) add(...renderMount(op));
  add('--chdir', plan.cwd);

  const { identity } = plan;
  let command = [...plan.command];
  if (identity.kind === 'userns') {
    add('--unshare-all');
    if (plan.network) add('--share-net');
    add('--unshare-user', '--uid', String(identity.uid), '--gid', String(identity.gid));
  } else {
    // Every namespace but the user namespace: one made by root maps the sandbox to root.
    add('--unshare-ipc', '--unshare-pid', '--unshare-uts', '--unshare-cgroup-try');
    if (!plan.network) add('--unshare-net');
    command = [
      identity.setpriv,
      `--reuid=${identity.uid}`,
      `--regid=${identity.gid}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
      ...command,
    ];
  }
  add('--hostname', 'greenlight-sandbox');
  add('--new-session', '--die-with-parent', '--cap-drop', 'ALL');
  if (identity.kind === 'setpriv') for (const cap of ID_CHANGE_CAPS) add('--cap-add', cap);
  add('--clearenv');
  for (const [name, value] of Object.entries(plan.env).sort(([a], [b]) => a.localeCompare(b))) {
    add('--setenv', name, value);
  }
  add('--', ...command);
  return argv;
}

function renderMount(op: MountOp): string[] {
  switch (op.op) {
    case 'bind':
    case 'ro-bind':
    case 'ro-bind-try':
      return [`--${op.op}`, op.source, op.target];
    case 'symlink':
      return ['--symlink', op.target, op.path];
    case 'dev':
    case 'proc':
      return [`--${op.op}`, op.path];
    case 'tmpfs':
      return [
        ...(op.sizeBytes === undefined ? [] : ['--size', String(op.sizeBytes)]),
        '--tmpfs',
        op.path,
        // --chmod (bwrap ≥ 0.5) rather than --perms, which only newer versions accept before --tmpfs.
        ...(op.mode === undefined ? [] : ['--chmod', op.mode, op.path]),
      ];
    case 'dir':
      return ['--dir', op.path, '--chmod', op.mode, op.path];
    case 'remount-ro':
      return ['--remount-ro', op.path];
  }
}
