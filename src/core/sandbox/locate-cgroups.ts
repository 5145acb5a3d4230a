/**
 * Where this process's cgroups live on disk, from `/proc/self/cgroup` and
 * `/proc/self/mountinfo`: per v1 controller (`pids`, `memory`) the directory of our
 * cgroup in that hierarchy, and the directory of our cgroup v2 (unified) group.
 * Pure text parsing; the adapter checks what is writable.
 */

export interface CgroupLocations {
  /** v1 controller name → directory of this process's cgroup in that hierarchy. */
  v1: Record<string, string>;
  /** Directory of this process's cgroup v2 group, if a cgroup2 hierarchy is mounted. */
  v2: string | null;
}

interface CgroupMount {
  fstype: 'cgroup' | 'cgroup2';
  root: string;
  mountPoint: string;
  controllers: string[];
}

/** Parse both files; unknown or malformed lines are ignored. */
export function locateCgroups(procSelfCgroup: string, mountinfo: string): CgroupLocations {
  const mounts = parseMounts(mountinfo);
  const out: CgroupLocations = { v1: {}, v2: null };
  for (const line of procSelfCgroup.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (match === null) continue;
    const controllers = (match[2] ?? '').split(',').filter((name) => name !== '');
    const path = match[3] ?? '/';
    if (match[1] === '0' && controllers.length === 0) {
      const mount = mounts.find((candidate) => candidate.fstype === 'cgroup2');
      if (mount !== undefined) out.v2 = join(mount, path);
      continue;
    }
    for (const controller of controllers) {
      const mount = mounts.find(
        (candidate) => candidate.fstype === 'cgroup' && candidate.controllers.includes(controller),
      );
      if (mount !== undefined) out.v1[controller] = join(mount, path);
    }
  }
  return out;
}

function parseMounts(mountinfo: string): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (left === undefined || right === undefined) continue;
    const fields = left.split(' ');
    const [fstype, , superOptions] = right.split(' ');
    if (fstype !== 'cgroup' && fstype !== 'cgroup2') continue;
    const root = unescapeMount(fields[3] ?? '/');
    const mountPoint = unescapeMount(fields[4] ?? '');
    if (mountPoint === '') continue;
    mounts.push({ fstype, root, mountPoint, controllers: (superOptions ?? '').split(',') });
  }
  return mounts;
}

/** Our cgroup path is relative to the hierarchy root; the mount may show a sub-tree of it. */
function join(mount: CgroupMount, path: string): string {
  let rel = path;
  if (mount.root !== '/' && (rel === mount.root || rel.startsWith(`${mount.root}/`)))
    rel = rel.slice(mount.root.length);
  rel = rel.replace(/^\/+/, '');
  return rel === '' ? mount.mountPoint : `${mount.mountPoint.replace(/\/+$/, '')}/${rel}`;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
