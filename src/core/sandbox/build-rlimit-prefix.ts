/**
 * The `prlimit` prefix that sets RLIMIT_NPROC on the sandboxed command, run INSIDE
 * bwrap (after the user namespace exists): the limit is then counted for the sandbox's
 * own uid in its own namespace, so the engine's processes do not count against it and
 * the sandbox cannot exceed it. Only used when no cgroup limits processes and the engine
 * is not root (the kernel exempts root from RLIMIT_NPROC). Other rlimits are set by the
 * launcher (`buildLaunchPrefix`), outside, where an rlimit survives namespace creation.
 */

/** argv prefix, e.g. `['prlimit', '--nproc=64', '--']`. */
export function buildRlimitPrefix(prlimit: string, maxPids: number): string[] {
  return [prlimit, `--nproc=${maxPids}`, '--'];
}
