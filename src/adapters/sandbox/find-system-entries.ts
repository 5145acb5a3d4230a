/** Which of the system trees exist on this host, as directories or links (checked once per sandbox). */
import { lstatSync, readlinkSync } from 'node:fs';
import type { SystemEntry } from '../../core/sandbox/plan-bwrap-mounts.ts';
import { PRIVATE_DIRS, SYSTEM_PATHS } from '../../core/sandbox/system-paths.ts';

export interface SystemLayout {
  system: SystemEntry[];
  /** Private directories whose place exists: a tmpfs cannot be mounted on a missing path inside a read-only tree. */
  privateDirs: string[];
}

/** @param root where the host's `/` is; injected by tests. */
export function findSystemEntries(root = ''): SystemLayout {
  const system: SystemEntry[] = [];
  for (const path of SYSTEM_PATHS) {
    const info = lstatSync(`${root}${path}`, { throwIfNoEntry: false });
    if (info?.isSymbolicLink() === true) system.push({ path, kind: 'symlink', target: readlinkSync(`${root}${path}`) });
    else if (info?.isDirectory() === true) system.push({ path, kind: 'dir' });
  }
  const shown = new Set(system.filter((entry) => entry.kind === 'dir').map((entry) => entry.path));
  const privateDirs = PRIVATE_DIRS.filter((dir) => {
    // Top-level ones are made in the sandbox's own root; /var/tmp must exist in the host's /var.
    if (!dir.startsWith('/var/')) return true;
    return shown.has('/var') && lstatSync(`${root}${dir}`, { throwIfNoEntry: false })?.isDirectory() === true;
  });
  return { system, privateDirs };
}
