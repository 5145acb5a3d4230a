/**
 * Which fleet limit, if any, stops one more run of a repository from starting at
 * `now`. Expired leases and starts older than an hour no longer count.
 */
import { HOUR_MS, type FleetLimits, type LimitReason } from './fleet-limits.ts';
import type { RepoFleet } from './repo-fleet.ts';

/** The state with expired leases and out-of-window starts dropped. */
export function pruneRepoFleet<T>(fleet: RepoFleet<T>, now: number): RepoFleet<T> {
  return {
    leases: fleet.leases.filter((lease) => lease.expiresAt > now),
    starts: fleet.starts.filter((at) => at > now - HOUR_MS),
    queue: fleet.queue,
  };
}

/** The limit that blocks a start now (concurrency first), or null when a run may start. */
export function limitReason<T>(
  fleet: RepoFleet<T>,
  limits: Pick<FleetLimits, 'maxConcurrentRuns' | 'maxRunsPerHour'>,
  now: number,
): LimitReason | null {
  const current = pruneRepoFleet(fleet, now);
  if (current.leases.length >= limits.maxConcurrentRuns) {
    return { limit: 'concurrent', running: current.leases.length, max: limits.maxConcurrentRuns };
  }
  if (current.starts.length >= limits.maxRunsPerHour) {
    // The window frees one slot when the start that makes it full ages out.
    const blocking = current.starts[current.starts.length - limits.maxRunsPerHour] ?? now;
    return {
      limit: 'hourly',
      started: current.starts.length,
      max: limits.maxRunsPerHour,
      nextSlotAt: blocking + HOUR_MS,
    };
  }
  return null;
}
