/**
 * The last-resort process limit: poll the process tree under the sandbox and call
 * `onExceeded` when it holds more than `max` processes. Used only when nothing better
 * exists (root, where RLIMIT_NPROC does not apply, without a writable cgroup). A fork
 * bomb is stopped within one poll interval after it passes the limit; the driver then
 * kills bwrap, which takes the whole PID namespace down.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Poll interval: short enough to stop a fork bomb early, long enough to cost little. */
export const WATCH_INTERVAL_MS = 50;

/** Start watching; returns a function that stops the watch. */
export function watchPids(rootPid: number, max: number, onExceeded: () => void, intervalMs = WATCH_INTERVAL_MS): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    if (stopped) return;
    const count = await countDescendants(rootPid, max + 1);
    if (stopped) return;
    if (count > max) {
      stopped = true;
      onExceeded();
      return;
    }
    timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** Processes under `rootPid` (itself included), counting no further than `stopAt`. */
export async function countDescendants(rootPid: number, stopAt = Number.POSITIVE_INFINITY): Promise<number> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const children = new Map<number, number[]>();
  await Promise.all(entries.filter((name) => /^\d+$/.test(name)).map(async (name) => {
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
    if (stat === null) return;
    // Fields after the command name (which may contain spaces and parentheses): state ppid …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }));
  let count = 0;
  const queue = [rootPid];
  while (queue.length > 0 && count < stopAt) {
    const pid = queue.pop() as number;
    count += 1;
    queue.push(...(children.get(pid) ?? []));
  }
  return count;
}
