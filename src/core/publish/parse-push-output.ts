/**
 * Reads `git push --porcelain` output: one line per ref, `<flag>\t<from>:<to>\t<summary>`,
 * where flag `!` is a rejection whose summary says why (`[rejected] (stale info)` for a
 * failed lease, `[remote rejected] (pre-receive hook declined)` for a server refusal).
 */

export type PushRejection = 'stale' | 'non-fast-forward' | 'remote-rejected' | 'other';

export type PushRefStatus =
  { ref: string; ok: true; summary: string } | { ref: string; ok: false; rejection: PushRejection; reason: string };

/**
 * @example parsePushOutput('To ../r.git\n!\tabc:refs/heads/x\t[rejected] (stale info)\nDone\n')
 * // [{ ref: 'refs/heads/x', ok: false, rejection: 'stale', reason: 'stale info' }]
 */
export function parsePushOutput(stdout: string): PushRefStatus[] {
  const statuses: PushRefStatus[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^([ +\-*!=])\t([^\t]*)\t(.*)$/.exec(line);
    if (!match) continue;
    const [, flag, refs = '', summary = ''] = match;
    const ref = refs.slice(refs.lastIndexOf(':') + 1);
    if (flag !== '!') {
      statuses.push({ ref, ok: true, summary });
      continue;
    }
    const reason = /\((.*)\)\s*$/.exec(summary)?.[1] ?? summary;
    statuses.push({ ref, ok: false, rejection: rejectionOf(summary, reason), reason });
  }
  return statuses;
}

function rejectionOf(summary: string, reason: string): PushRejection {
  if (summary.startsWith('[remote rejected]') || summary.startsWith('[remote failure]')) return 'remote-rejected';
  if (reason === 'stale info') return 'stale';
  if (reason === 'non-fast-forward' || reason === 'fetch first' || reason === 'already exists')
    return 'non-fast-forward';
  return 'other';
}
