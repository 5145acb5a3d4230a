/**
 * A tiny `sh` launcher in front of every sandboxed command: it moves itself into the
 * run's cgroup(s), sets the rlimits that hold across namespaces (no core dumps; the
 * data-segment limit when memory is not a cgroup's job) and then execs the sandbox.
 * Entering the cgroup before exec (instead of moving the pid from outside after spawn)
 * leaves no window in which the sandbox could fork outside its limits; setting rlimits
 * here saves an extra exec (prlimit) on every run. Arguments carry the values, never
 * the script text.
 */

// dash's `ulimit` sets soft and hard limits together, so the child cannot raise them again.
const SCRIPT = [
  'd=$1; n=$2; shift 2',
  'while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n - 1)); done',
  'ulimit -c 0',
  'if [ "$d" != - ]; then ulimit -d "$d" || exit 125; fi',
  'exec "$@"',
].join('; ');

export interface LaunchRequest {
  /** `cgroup.procs` files to enter, in order. */
  procsFiles: readonly string[];
  /** RLIMIT_DATA in bytes (rounded up to KiB), when no cgroup limits memory. */
  dataBytes?: number;
}

/** argv prefix: `sh -c <script> greenlight-launch <data KiB|-> <count> <procs files…>`, then the command. */
export function buildLaunchPrefix(request: LaunchRequest, sh = '/bin/sh'): string[] {
  const data = request.dataBytes === undefined ? '-' : String(Math.ceil(request.dataBytes / 1024));
  return [sh, '-c', SCRIPT, 'greenlight-launch', data, String(request.procsFiles.length), ...request.procsFiles];
}
