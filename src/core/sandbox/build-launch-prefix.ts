/**
 * A tiny `sh` launcher in front of every sandboxed command: it moves itself into the
 * run's cgroup(s), sets the rlimits that hold across namespaces (no core dumps; the
 * data-segment limit when memory is not a cgroup's job; the file-size limit) and then
 * execs the sandbox.
 * Entering the cgroup before exec (instead of moving the pid from outside after spawn)
 * leaves no window in which the sandbox could fork outside its limits; setting rlimits
 * here saves an extra exec (prlimit) on every run. Arguments carry the values, never
 * the script text.
 *
 * It enters by writing `0` ("this task") into each file it is given: for cgroup v1 the
 * group's `tasks` file, which moves the launcher's single thread without the
 * kernel-wide lock that a write to `cgroup.procs` takes (that lock waits for an RCU
 * grace period: about 10 ms per run on the development machine, most of the sandbox's
 * overhead); for v2 `cgroup.procs`, the only way in. Its children inherit the group.
 */

// dash's `ulimit` sets soft and hard limits together, so the child cannot raise them again.
const SCRIPT = [
  'd=$1; f=$2; n=$3; shift 3',
  'while [ "$n" -gt 0 ]; do echo 0 > "$1" || exit 125; shift; n=$((n - 1)); done',
  'ulimit -c 0',
  'if [ "$d" != - ]; then ulimit -d "$d" || exit 125; fi',
  'if [ "$f" != - ]; then ulimit -f "$f" || exit 125; fi',
  'exec "$@"',
].join('; ');

export interface LaunchRequest {
  /** The files that move a task into the run's cgroups (v1 `tasks`, v2 `cgroup.procs`), in order. */
  enterFiles: readonly string[];
  /** RLIMIT_DATA in bytes (rounded up to KiB), when no cgroup limits memory. */
  dataBytes?: number;
  /** RLIMIT_FSIZE in bytes (rounded up to 512-byte blocks): no file may grow past it (docs/security.md §33). */
  fileBytes?: number;
}

/** argv prefix: `sh -c <script> greenlight-launch <data KiB|-> <file blocks|-> <count> <enter files…>`, then the command. */
export function buildLaunchPrefix(request: LaunchRequest, sh = '/bin/sh'): string[] {
  const data = request.dataBytes === undefined ? '-' : String(Math.ceil(request.dataBytes / 1024));
  // POSIX sh counts `ulimit -f` in 512-byte blocks (dash does, and bash run as sh).
  const file = request.fileBytes === undefined ? '-' : String(Math.ceil(request.fileBytes / 512));
  return [sh, '-c', SCRIPT, 'greenlight-launch', data, file, String(request.enterFiles.length), ...request.enterFiles];
}
