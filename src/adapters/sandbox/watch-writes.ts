/**
 * The write limits of docs/security.md §33 on host directories a sandboxed command may
 * write (the workspace; the `none` driver's HOME and TMPDIR too). No filesystem quota
 * exists for an arbitrary directory without root and filesystem support, so the engine
 * watches instead, in two steps:
 *
 * - a trigger, every `intervalMs`: the filesystems' own counters of used blocks and
 *   inodes (statfs, one system call each). A command cannot write a byte or create a
 *   file without moving them, so nothing it writes is missed; other processes move them
 *   too, which only costs a count.
 * - a count, when the counters grew by a limit: every entry under the directories whose
 *   inode changed since the command started (ctime, which the command cannot set back,
 *   unlike mtime), and the bytes of those that are files. The verdict rests on this
 *   count alone, so another process writing to the same disk never stops a command.
 *
 * What is written between two looks is not seen until the next one: a command can pass
 * a limit by what it writes in one interval plus one count. The file-size rlimit every
 * driver sets stops any single file at `sandbox.maxDiskMb` on the spot.
 */
import { lstatSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WriteCount } from '../../core/sandbox/describe-limit-hit.ts';

export interface WriteWatchOptions {
  /** Host directories the command may write, counted recursively. */
  dirs: readonly string[];
  /** Paths under them that are not counted (read-only inside the sandbox, e.g. the workspace's `.git`). */
  skip?: readonly string[];
  maxBytes: number;
  maxFiles: number;
  /** Called once, as soon as a count is over a limit: stop the command. */
  onExceeded: () => void;
  /** Time between two looks at the counters. Default 100 ms. */
  intervalMs?: number;
  /** The clock; injected by tests. */
  now?: () => number;
}

export interface WriteVerdict {
  limit: 'disk' | 'files';
  count: WriteCount;
}

export interface WriteWatch {
  /** Stop watching after one last look: the count that reached a limit, or null. */
  stop(): WriteVerdict | null;
}

interface Usage {
  bytes: number;
  files: number;
}

/**
 * The kernel stamps ctime from a clock that may lag the wall clock by a tick (at most 10 ms
 * at the lowest common tick rate): entries changed up to this long before the watch
 * started count too. Whoever changes many entries right before a run (the systemd-run
 * driver hands the workspace over) waits this long first.
 */
export const CLOCK_SLACK_MS = 10;

/** Start watching; call right before the command starts, after the engine's own last write. */
export function watchWrites(options: WriteWatchOptions): WriteWatch {
  const now = options.now ?? Date.now;
  const since = now() - CLOCK_SLACK_MS;
  const skip = new Set(options.skip ?? []);
  // One representative directory per filesystem: the counters are per filesystem.
  const byDevice = new Map<number, string>();
  for (const dir of options.dirs) {
    const device = statSync(dir).dev;
    if (!byDevice.has(device)) byDevice.set(device, dir);
  }
  const filesystems = [...byDevice.values()];
  const usage = (): Usage => {
    const total = { bytes: 0, files: 0 };
    for (const dir of filesystems) {
      const fs = statfsSync(dir);
      total.bytes += (fs.blocks - fs.bfree) * fs.bsize;
      total.files += fs.files - fs.ffree;
    }
    return total;
  };

  let baseline = usage();
  // Growth of the counters (since `baseline`) at which the next count is due.
  let due: Usage = { bytes: options.maxBytes, files: options.maxFiles };
  let verdict: WriteVerdict | null = null;

  const look = (): void => {
    if (verdict !== null) return;
    const current = usage();
    if (current.bytes - baseline.bytes < due.bytes && current.files - baseline.files < due.files) return;
    const count = countWritten(options.dirs, skip, since, { bytes: options.maxBytes, files: options.maxFiles });
    if (count.bytes >= options.maxBytes || count.files >= options.maxFiles) {
      verdict = { limit: count.bytes >= options.maxBytes ? 'disk' : 'files', count };
      options.onExceeded();
      return;
    }
    // Someone else's writes, or not enough yet: look again once the counters grew by the headroom left.
    baseline = current;
    due = { bytes: options.maxBytes - count.bytes, files: options.maxFiles - count.files };
  };

  const timer = setInterval(look, options.intervalMs ?? 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      look();
      return verdict;
    },
  };
}

/**
 * Entries under `dirs` whose inode changed at or after `since` (ms), and the bytes of
 * those that are regular files. Symbolic links are counted, never followed. Stops as soon
 * as a limit is reached: the verdict needs no more. Synchronous on purpose: the command
 * keeps writing while this runs, and metadata reads of cached entries are faster in one
 * loop than through the thread pool (tens of thousands in about a tenth of a second).
 */
export function countWritten(
  dirs: readonly string[],
  skip: ReadonlySet<string>,
  since: number,
  limits: Usage,
): WriteCount {
  const count = { bytes: 0, files: 0 };
  const pending = [...dirs].reverse();
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // removed meanwhile, or unreadable: nothing the command can have left there either
    }
    for (const name of names) {
      const path = join(dir, name);
      if (skip.has(path)) continue;
      const info = lstatSync(path, { throwIfNoEntry: false });
      if (info === undefined) continue;
      if (info.ctimeMs >= since) {
        count.files += 1;
        if (info.isFile()) count.bytes += info.size;
        if (count.bytes >= limits.bytes || count.files >= limits.files) return count;
      }
      if (info.isDirectory()) pending.push(path);
    }
  }
  return count;
}
