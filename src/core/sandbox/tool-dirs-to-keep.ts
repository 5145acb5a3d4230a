/**
 * The sandbox hides /tmp, /run and /var/tmp behind private tmpfs mounts. When the
 * tools on PATH live there (a checkout under /tmp whose npm scripts put
 * node_modules/.bin first, a toolchain unpacked into a temp dir), hiding them would
 * silently swap in other versions — or none. These directories are bound back
 * read-only: tools are not secrets. A node_modules/.bin entry keeps its whole
 * node_modules, because its entries are symlinks into the packages beside it.
 * Nothing inside an explicitly hidden path (credentials, the runner's temp dir) is
 * ever kept.
 */
import type { HiddenPath } from './build-bwrap-argv.ts';

const PRIVATE_ROOTS = ['/tmp', '/run', '/var/tmp'];

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir.endsWith('/') ? dir : `${dir}/`}`);
}

/**
 * @example toolDirsToKeep('/tmp/ci/node_modules/.bin:/usr/bin', []) // ['/tmp/ci/node_modules']
 */
export function toolDirsToKeep(pathEnv: string, hide: readonly HiddenPath[]): string[] {
  const keep = new Set<string>();
  for (const entry of pathEnv.split(':')) {
    if (!entry.startsWith('/') || entry.split('/').includes('..')) continue;
    const dir = entry.replace(/\/+$/, '');
    if (!PRIVATE_ROOTS.some((root) => isInside(dir, root)) || PRIVATE_ROOTS.includes(dir)) continue;
    if (hide.some((hidden) => isInside(dir, hidden.path) && !PRIVATE_ROOTS.includes(hidden.path))) continue;
    const bin = /^(.*\/node_modules)\/\.bin$/.exec(dir);
    keep.add(bin?.[1] ?? dir);
  }
  return [...keep].sort();
}
