/**
 * What a bwrap sandbox shows, as an ordered list of mounts. Pure, so the order (which
 * decides what the child can see: later mounts cover earlier ones) is unit-tested, and so
 * the driver can ask of any host path whether the child would see it (`showsHostPath`),
 * to hide exactly the host sockets that would be reachable.
 *
 * Only what tools need is shown (docs/security.md §30, §32): the system trees
 * (`/usr`, `/etc`, `/opt`, `/var`, `/sys`, merged-/usr links), read-only, never all of
 * `/`; the workspace, read-write, with `.git` read-only and sanitized git configs; tool
 * directories from PATH that live elsewhere, read-only. `$HOME`, `/tmp`, `/var/tmp`, `/run`
 * and `/dev/shm` are empty private tmpfs mounts, sized when bwrap can size them. Secret
 * paths inside what is shown get an empty tmpfs or /dev/null, and so do host sockets.
 * The sandbox's own root is made read-only last, so nothing can be written anywhere else.
 */

export interface HiddenPath {
  path: string;
  /** A directory gets an empty read-only tmpfs; anything else gets /dev/null bound over it. */
  kind: 'dir' | 'file';
}

/** A host system path shown read-only at the same place: a directory, or a symlink copied as one. */
export type SystemEntry = { path: string; kind: 'dir' } | { path: string; kind: 'symlink'; target: string };

/**
 * Who the command runs as. `userns` (the engine is not root): a user namespace maps the
 * sandbox uid to the engine's own unprivileged uid. `setpriv` (the engine is root): no user
 * namespace, which would map to root outside; bwrap keeps only the capabilities to change
 * ids, and `setpriv` turns the command into a real unprivileged host user with none left.
 */
export type SandboxIdentity =
  { kind: 'userns'; uid: number; gid: number } | { kind: 'setpriv'; setpriv: string; uid: number; gid: number };

export interface MountPlan {
  workspace: string;
  /** HOME inside: an empty private tmpfs at this path (the engine's own home path when it has one). */
  home: string;
  system: readonly SystemEntry[];
  /** Empty private tmpfs directories besides HOME: /tmp, /var/tmp, /run. */
  privateDirs: readonly string[];
  hide: readonly HiddenPath[];
  /** Host directories shown read-only again (tool directories, DNS config). */
  keep: readonly string[];
  /** Paths inside the workspace (or git dirs elsewhere) shown read-only: `.git`. */
  readOnly: readonly string[];
  /** Files shown in place of others, read-only: sanitized git configs, the sandbox user's passwd entry. */
  overlays: ReadonlyArray<{ source: string; target: string }>;
  /** Host unix sockets the child would otherwise see: /dev/null goes over each. */
  sockets: readonly string[];
  /** Size of each private tmpfs in bytes; absent when bwrap cannot size one. */
  tmpfsBytes?: number;
  identity: SandboxIdentity;
}

export type MountOp =
  | { op: 'bind' | 'ro-bind' | 'ro-bind-try'; source: string; target: string }
  | { op: 'symlink'; target: string; path: string }
  | { op: 'dev' | 'proc'; path: string }
  | { op: 'tmpfs'; path: string; sizeBytes?: number; mode?: string }
  | { op: 'dir'; path: string; mode: string }
  | { op: 'remount-ro'; path: string };

/** Inside `dir` or `dir` itself. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** The mounts in the order bwrap must make them. */
export function planBwrapMounts(plan: MountPlan): MountOp[] {
  const ops: MountOp[] = [];
  const size = plan.tmpfsBytes === undefined ? {} : { sizeBytes: plan.tmpfsBytes };
  // Without a user namespace bwrap's mounts belong to root: the private directories must let the sandbox user in.
  const shared = plan.identity.kind === 'setpriv' ? '1777' : undefined;
  const home = plan.identity.kind === 'setpriv' ? '1777' : '0700';
  const hideOp = (hidden: HiddenPath): MountOp[] =>
    hidden.kind === 'dir'
      ? [
          { op: 'tmpfs', path: hidden.path },
          { op: 'remount-ro', path: hidden.path },
        ]
      : [{ op: 'ro-bind', source: '/dev/null', target: hidden.path }];
  const inKeep = (hidden: HiddenPath): boolean => plan.keep.some((dir) => isWithin(hidden.path, dir));
  // bwrap creates the missing parents of a mount point with the modes of the host's directories. A
  // root engine's temp dirs are often 0700: without a user namespace the sandbox user could not get
  // through them to the workspace. Parents bwrap creates are opened (0755); those the host shows keep theirs.
  const opened = new Set<string>();
  const openParents = (target: string): void => {
    if (plan.identity.kind !== 'setpriv') return;
    for (const parent of parentsOf(target)) {
      if (opened.has(parent) || ops.some((op) => mountPoint(op) === parent) || showsHostPath(ops, parent)) continue;
      opened.add(parent);
      ops.push({ op: 'dir', path: parent, mode: '0755' });
    }
  };

  for (const entry of plan.system) {
    ops.push(
      entry.kind === 'dir'
        ? { op: 'ro-bind', source: entry.path, target: entry.path }
        : { op: 'symlink', target: entry.target, path: entry.path },
    );
  }
  ops.push({ op: 'dev', path: '/dev' }, { op: 'proc', path: '/proc' });
  ops.push({ op: 'tmpfs', path: '/dev/shm', ...size, ...(shared === undefined ? {} : { mode: shared }) });
  for (const dir of plan.privateDirs) {
    ops.push({ op: 'tmpfs', path: dir, ...size, ...(shared === undefined ? {} : { mode: shared }) });
  }
  for (const hidden of plan.hide) if (!inKeep(hidden)) ops.push(...hideOp(hidden));
  ops.push({ op: 'tmpfs', path: plan.home, ...size, mode: home });
  for (const dir of plan.keep) {
    openParents(dir);
    ops.push({ op: 'ro-bind-try', source: dir, target: dir });
  }
  for (const hidden of plan.hide) if (inKeep(hidden)) ops.push(...hideOp(hidden));
  openParents(plan.workspace);
  ops.push({ op: 'bind', source: plan.workspace, target: plan.workspace });
  for (const path of plan.readOnly) {
    openParents(path);
    ops.push({ op: 'ro-bind', source: path, target: path });
  }
  for (const overlay of plan.overlays) {
    openParents(overlay.target);
    ops.push({ op: 'ro-bind', source: overlay.source, target: overlay.target });
  }
  for (const socket of plan.sockets) ops.push({ op: 'ro-bind', source: '/dev/null', target: socket });
  ops.push({ op: 'remount-ro', path: '/dev' }, { op: 'remount-ro', path: '/' });
  return ops;
}

/**
 * Whether the child sees the host's `path` at the same path: the last mount over it (or
 * an ancestor) binds that same host path. Give real paths (no symlinks): a path reached
 * through a link shown as a link is judged at its target.
 */
export function showsHostPath(ops: readonly MountOp[], path: string): boolean {
  let last: MountOp | undefined;
  for (const op of ops) {
    const point = mountPoint(op);
    if (point !== null && isWithin(path, point)) last = op;
  }
  return last !== undefined && 'source' in last && last.source === last.target;
}

/** Where an operation mounts something; null for those that only change a mount or make a directory. */
function mountPoint(op: MountOp): string | null {
  if (op.op === 'remount-ro' || op.op === 'dir') return null;
  return 'source' in op ? op.target : op.path;
}

/** `/a/b/c` → `/a`, `/a/b` (not `/`, not the path itself). */
function parentsOf(path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '');
  return parts.slice(0, -1).map((_, index) => `/${parts.slice(0, index + 1).join('/')}`);
}
