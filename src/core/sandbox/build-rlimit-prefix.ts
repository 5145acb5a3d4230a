/**
 * The `prlimit` prefix that sets rlimits on the sandboxed command itself. Used for the
 * limits no cgroup enforces. Run INSIDE bwrap (after the user namespace exists):
 * RLIMIT_NPROC is then counted for the sandbox's own uid in its own namespace, so the
 * engine's processes do not count against it and the sandbox cannot exceed it. The
 * core-dump size is always 0: a crashing test must not drop a large core file in the
 * workspace.
 */

export interface RlimitRequest {
  prlimit: string;
  /** RLIMIT_NPROC; omitted when a cgroup enforces the process limit. */
  maxPids?: number;
  /**
   * RLIMIT_DATA in bytes; omitted when a cgroup enforces memory. DATA rather than AS:
   * runtimes (V8, Go, the JVM) reserve large address ranges they never touch, which
   * RLIMIT_AS would refuse; RLIMIT_DATA counts only writable private memory.
   */
  memoryBytes?: number;
}

/** argv prefix, e.g. `['prlimit', '--core=0', '--nproc=64', '--']`. */
export function buildRlimitPrefix(request: RlimitRequest): string[] {
  const argv = [request.prlimit, '--core=0'];
  if (request.maxPids !== undefined) argv.push(`--nproc=${request.maxPids}`);
  if (request.memoryBytes !== undefined) argv.push(`--data=${request.memoryBytes}`);
  argv.push('--');
  return argv;
}
