/**
 * The bwrap sandbox shows the system trees and the workspace, not all of `/`
 * (docs/security.md §32). Tools on PATH that live elsewhere — a checkout under /tmp whose
 * npm scripts put node_modules/.bin first, a toolchain unpacked into a temp or tool-cache
 * directory, a Node inside another checkout — would silently be swapped for other
 * versions, or none. Their directories are shown again, read-only: tools are not
 * secrets. A node_modules/.bin entry keeps its whole node_modules, because its entries
 * are symlinks into the packages beside it.
 *
 * Never kept: anything in a home directory (the engine's is an empty tmpfs inside; others'
 * are not shown: a tool installed there often needs more of that home than its bin
 * directory, and the home holds what the sandbox must not read), or in an explicitly
 * hidden path (credentials, the runner's temp dir). Directories named by `sandbox.env`
 * variables are the way to show such a toolchain deliberately (`toolchainDirsToKeep`).
 * One exception: the Node installation the engine itself runs on (nvm, fnm and volta put
 * it in the home), whose `bin` on PATH keeps the whole installation (`<prefix>/bin/node`
 * → `<prefix>`, with npm beside it): a JavaScript project's tests need that Node.
 */
import { dirname } from 'node:path';
import { isWithin, type HiddenPath } from './plan-bwrap-mounts.ts';

/** Directories whose contents are homes. */
export const HOME_ROOTS = ['/home', '/root'];
const PRIVATE_ROOTS = ['/tmp', '/run', '/var/tmp'];

export interface KeepContext {
  /** The engine's home (the sandbox's HOME path). */
  home: string;
  hide: readonly HiddenPath[];
  /** Whether the sandbox already shows this host path (then there is nothing to keep). */
  shown: (path: string) => boolean;
  /** The real path of the Node binary the engine runs on. */
  engineNode?: string;
}

/**
 * PATH entries must be real paths (the driver resolves them): a link such as `/bin` is
 * shown as a link and judged at its target.
 *
 * @example toolDirsToKeep('/tmp/ci/node_modules/.bin:/usr/bin', { home: '/root', hide: [], shown: (p) => p.startsWith('/usr/') })
 * // ['/tmp/ci/node_modules']
 */
export function toolDirsToKeep(pathEnv: string, context: KeepContext): string[] {
  const keep = new Set<string>();
  for (const entry of pathEnv.split(':')) {
    const dir = usableDir(entry);
    if (dir === null || PRIVATE_ROOTS.includes(dir)) continue;
    const prefix = engineNodePrefix(dir, context);
    if (prefix !== null) {
      if (!context.shown(prefix) && !context.hide.some((hidden) => isWithin(prefix, hidden.path))) keep.add(prefix);
      continue;
    }
    if (isWithin(dir, context.home) || HOME_ROOTS.some((root) => isWithin(dir, root))) continue;
    if (context.hide.some((hidden) => isWithin(dir, hidden.path))) continue;
    if (context.shown(dir)) continue;
    const bin = /^(.*\/node_modules)\/\.bin$/.exec(dir);
    keep.add(bin?.[1] ?? dir);
  }
  return [...keep].sort();
}

/**
 * Directories named by the values of `sandbox.env` variables (`CARGO_HOME`, `GOPATH`,
 * `RUSTUP_HOME`, a colon-separated list): the repository's config passes these to tests
 * by name, so their directories are shown read-only even inside a home. Secret paths
 * inside them stay hidden.
 */
export function toolchainDirsToKeep(values: readonly string[], context: KeepContext): string[] {
  const keep = new Set<string>();
  for (const value of values) {
    for (const entry of value.split(':')) {
      const dir = usableDir(entry);
      if (dir === null || dir === context.home || HOME_ROOTS.includes(dir) || PRIVATE_ROOTS.includes(dir)) continue;
      if (context.hide.some((hidden) => isWithin(dir, hidden.path))) continue;
      if (context.shown(dir)) continue;
      keep.add(dir);
    }
  }
  return [...keep].sort();
}

/**
 * `<prefix>` when `dir` is `<prefix>/bin` holding the engine's own Node, else null. A
 * prefix that is a home itself (a Node in `~/bin`), holds one, or is a private root
 * would show far more than an installation: then nothing is kept for it.
 */
function engineNodePrefix(dir: string, context: KeepContext): string | null {
  if (context.engineNode !== `${dir}/node` || !dir.endsWith('/bin')) return null;
  const prefix = dir.slice(0, -'/bin'.length);
  if (prefix === '' || isWithin(context.home, prefix) || PRIVATE_ROOTS.includes(prefix)) return null;
  const homeItself = HOME_ROOTS.some((root) => isWithin(root, prefix) || dirname(prefix) === root);
  return homeItself ? null : prefix;
}

/** An absolute path without `..`, without a trailing slash; null for anything else (or `/`). */
function usableDir(entry: string): string | null {
  if (!entry.startsWith('/') || entry.split('/').includes('..')) return null;
  const dir = entry.replace(/\/+$/, '');
  return dir === '' ? null : dir;
}
