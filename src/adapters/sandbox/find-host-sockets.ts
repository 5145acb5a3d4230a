/**
 * Host unix sockets a sandbox would show (docs/security.md §32). A socket file is not
 * guarded by a read-only mount: connecting to it needs only write permission on the
 * socket, which many grant to everyone. The bwrap driver shows only the system trees and
 * the workspace, so the sockets of /run, /tmp and the homes are out of sight anyway; for
 * the rest, every socket the kernel lists for this network namespace that lies in a shown
 * tree gets /dev/null mounted over it, checked afresh at every run.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseUnixSockets } from '../../core/sandbox/parse-unix-sockets.ts';

export type SocketFinder = (shown: (path: string) => boolean) => string[];

/**
 * A finder for one sandbox: it remembers where each socket's directory really is (the
 * directories stay; the sockets in them come and go).
 *
 * @param procNetUnix where the kernel lists sockets; injected by tests.
 */
export function createSocketFinder(procNetUnix = '/proc/net/unix'): SocketFinder {
  const realDirs = new Map<string, string | null>();
  const realDir = (dir: string): string | null => {
    let real = realDirs.get(dir);
    if (real === undefined) {
      try {
        real = realpathSync(dir);
      } catch {
        real = null;
      }
      realDirs.set(dir, real);
    }
    return real;
  };
  return (shown) => {
    let listing: string;
    try {
      listing = readFileSync(procNetUnix, 'utf8');
    } catch {
      return []; // no procfs view of sockets: the shown trees are all there is to rely on
    }
    const found = new Set<string>();
    for (const path of parseUnixSockets(listing)) {
      const dir = realDir(dirname(path));
      if (dir === null) continue;
      const real = join(dir, basename(path));
      if (!shown(real)) continue;
      try {
        if (lstatSync(real).isSocket()) found.add(real);
      } catch {
        // gone since the kernel listed it
      }
    }
    return [...found].sort();
  };
}
