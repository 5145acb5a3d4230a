/**
 * `systemd-run --wait` (without --quiet) writes a line before the service starts and a
 * summary after it ends, on the same stderr the service writes to with --pipe:
 *
 *   Running as unit: greenlight-1a2b.service; invocation ID: …
 *   … the command's own stderr …
 *   Finished with result: oom-kill
 *   Main processes terminated with: code=killed/status=KILL
 *   Service runtime: 1.234s
 *   CPU time consumed: …
 *
 * The result (`success`, `exit-code`, `signal`, `timeout`, `oom-kill`, …) is the only
 * exact evidence of which unit limit was hit. This splits it off the child's stderr.
 */

export interface SystemdRunTrailer {
  /** stderr without systemd-run's own lines. */
  stderr: string;
  /** Unit result, when systemd-run reported one. */
  result?: string;
  /** `exited` with an exit status, or `killed`/`dumped` with a signal name. */
  code?: string;
  status?: string;
}

const LEADING = /^Running as unit: [^\n]*\n/;
const FINISHED = /(?:^|\n)Finished with result: ([^\n]*)\n?/g;
const TERMINATED = /^Main processes terminated with: code=([a-z]+)\/status=([^\s]+)$/m;

/** Split systemd-run's lines from the child's stderr (the last "Finished with result" wins). */
export function parseSystemdRunTrailer(stderr: string): SystemdRunTrailer {
  let text = stderr.replace(LEADING, '');
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(FINISHED)) last = match;
  if (last === null) return { stderr: text };
  const start = last.index + (last[0].startsWith('\n') ? 1 : 0);
  const trailer = text.slice(start);
  text = text.slice(0, start);
  const terminated = TERMINATED.exec(trailer);
  const out: SystemdRunTrailer = { stderr: text, result: (last[1] ?? '').trim() };
  if (terminated !== null) {
    out.code = terminated[1];
    out.status = terminated[2];
  }
  return out;
}
