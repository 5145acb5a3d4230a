/**
 * The CI repairs a pull request already had, counted from its commits' trailers
 * (docs/architecture.md "CI repair"): each repair commit carries
 * `Greenlight-Repair: <n>` and `Greenlight-Repair-Failure: <fingerprint>` of the failure
 * it answered. The count is read from the pull request on GitHub every time, so that it
 * survives re-runs, other workflows and several App processes, and nothing else has to
 * remember it.
 */
import type { CommitInfo } from '../../ports/forge.ts';

export const REPAIR_TRAILER = 'Greenlight-Repair';
export const REPAIR_FAILURE_TRAILER = 'Greenlight-Repair-Failure';

export interface RepairCommit {
  sha: string;
  attempt: number;
  /** The fingerprint of the failure the commit tried to repair; null when the trailer is missing. */
  failure: string | null;
}

export interface RepairHistory {
  /** Repair commits on the pull request, oldest first. */
  commits: RepairCommit[];
}

function trailer(message: string, key: string): string | null {
  // Trailers are `Key: value` lines of the message's last paragraph.
  const last =
    message
      .trimEnd()
      .split(/\n\s*\n/)
      .at(-1) ?? '';
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim());
    if (match !== null && match[1]?.toLowerCase() === key.toLowerCase()) return (match[2] ?? '').trim();
  }
  return null;
}

/** The repair commits among a pull request's commits (oldest first, as the API lists them). */
export function repairHistory(commits: readonly CommitInfo[]): RepairHistory {
  const repairs: RepairCommit[] = [];
  for (const commit of commits) {
    const attempt = trailer(commit.message, REPAIR_TRAILER);
    if (attempt === null || !/^\d{1,3}$/.test(attempt)) continue;
    repairs.push({
      sha: commit.sha,
      attempt: Number(attempt),
      failure: trailer(commit.message, REPAIR_FAILURE_TRAILER),
    });
  }
  return { commits: repairs };
}

/** The trailer lines of repair `attempt` for the failure `fingerprint`. */
export function repairTrailers(attempt: number, fingerprint: string): string[] {
  return [`${REPAIR_TRAILER}: ${attempt}`, `${REPAIR_FAILURE_TRAILER}: ${fingerprint}`];
}
