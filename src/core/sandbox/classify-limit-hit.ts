/**
 * Decide which limit stopped a sandboxed command, from what the driver observed.
 * Counters (a cgroup's OOM kills, its refused forks, a systemd unit's result, the engine's
 * own count of what was written) are exact; when a limit is an rlimit or a full private
 * tmpfs the child only sees an error (ENOMEM, EAGAIN, ENOSPC, SIGXFSZ), so the last lines
 * of its output are matched against the messages common runtimes print.
 */
import type { SandboxLimit } from '../../ports/sandbox.ts';

export interface LimitEvidence {
  /** The command exited with code 0 on its own: no limit stopped it. */
  succeeded: boolean;
  /** The engine killed it at the wall-clock limit. */
  timedOut: boolean;
  /** The engine killed it because a stream passed the output kill threshold. */
  outputExceeded: boolean;
  /** Exact: the kernel OOM-killed a process of the sandbox (cgroup, systemd `oom-kill`). */
  oomKilled?: boolean;
  /** Exact: a fork was refused at the pids limit (cgroup `pids.events`). */
  pidsLimited?: boolean;
  /** systemd's unit result (`timeout`, `oom-kill`, `exit-code`, …), when known. */
  unitResult?: string;
  /** Exact: the engine's count of what the command wrote went past `sandbox.maxDiskMb` or `sandbox.maxFiles`. */
  writeLimit?: 'disk' | 'files';
  /** The signal that ended the command: SIGXFSZ means a file reached the file-size rlimit. */
  signal?: string | null;
  /** Tail of stderr (and stdout) for rlimit heuristics. */
  outputTail?: string;
  /**
   * Which mechanisms are rlimits, i.e. need the heuristics. Writes are bounded by the
   * file-size rlimit and sized temp filesystems on every driver, so their messages always count.
   */
  heuristics?: { memory: boolean; pids: boolean };
}

// Messages printed when an allocation is refused: glibc/errno, CPython, V8/Node, Go, C++, Java, Rust.
const MEMORY_MESSAGES =
  /Cannot allocate memory|MemoryError|out of memory|heap out of memory|std::bad_alloc|OutOfMemoryError|memory allocation of \d+ bytes failed|Allocation failed|ENOMEM/i;
// Messages printed when fork/clone/thread creation is refused with EAGAIN.
const PIDS_MESSAGES =
  /fork: retry|fork: Resource temporarily unavailable|Cannot fork|can't start new thread|Resource temporarily unavailable|pthread_create failed|EAGAIN|unable to create native thread|failed to create new OS thread/i;
// Messages printed when a write is refused: a full (private, sized) filesystem or the file-size rlimit.
const DISK_MESSAGES = /No space left on device|ENOSPC|File size limit exceeded|SIGXFSZ|EFBIG|File too large/i;

/**
 * The limit to report, most specific first: memory, then processes, then writes, then
 * output, then time. A runaway that exhausts processes is usually finally killed by the clock; the
 * cause, not the last straw, is what the user needs to read. A command that exited 0
 * on its own was not stopped by anything, unless it wrote more than it may.
 */
export function classifyLimitHit(evidence: LimitEvidence): SandboxLimit | null {
  // Too much written is reported even when the command then exited 0: what it left behind is over the limit.
  if (evidence.writeLimit !== undefined) return evidence.writeLimit;
  const killedByUs = evidence.timedOut || evidence.outputExceeded;
  if (evidence.succeeded && !killedByUs) return null;
  if (evidence.oomKilled === true || evidence.unitResult === 'oom-kill') return 'memory';
  if (evidence.pidsLimited === true) return 'pids';
  if (evidence.signal === 'SIGXFSZ') return 'disk';
  const tail = evidence.outputTail ?? '';
  if (evidence.heuristics?.memory === true && MEMORY_MESSAGES.test(tail)) return 'memory';
  if (evidence.heuristics?.pids === true && PIDS_MESSAGES.test(tail)) return 'pids';
  if (DISK_MESSAGES.test(tail)) return 'disk';
  if (evidence.outputExceeded) return 'output';
  if (evidence.timedOut || evidence.unitResult === 'timeout') return 'time';
  return null;
}
