/**
 * A tiny `sh` wrapper that moves itself into the run's cgroup(s) and then execs the
 * sandbox. Entering before exec (instead of moving the pid from outside after spawn)
 * leaves no window in which the sandbox could fork outside its limits.
 */

const SCRIPT = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n - 1)); done; exec "$@"';

/** argv prefix: `sh -c <script> greenlight-cgroup-enter <count> <procs files…>`, then the command. */
export function buildCgroupEnterPrefix(procsFiles: readonly string[], sh = '/bin/sh'): string[] {
  if (procsFiles.length === 0) return [];
  return [sh, '-c', SCRIPT, 'greenlight-cgroup-enter', String(procsFiles.length), ...procsFiles];
}
