/**
 * What the App remembers about one repository's runs: the leases of runs it started
 * and that have not finished yet, the start times of the last hour, and the requests
 * waiting for a slot. Plain data, so that a shared store (Redis) can hold it too.
 */
import type { FleetLimits } from './fleet-limits.ts';

/** A started run's claim on one of `maxConcurrentRuns` slots. */
export interface RunLease {
  id: string;
  startedAt: number;
  /** A run whose end was never seen frees its slot here (lost `workflow_run` event). */
  expiresAt: number;
}

export interface QueuedRun<T> {
  id: string;
  queuedAt: number;
  /** The limits in force when it was queued (the config of the default branch then). */
  limits: FleetLimits;
  request: T;
}

export interface RepoFleet<T> {
  leases: RunLease[];
  /** Start times within the last hour, oldest first. */
  starts: number[];
  queue: QueuedRun<T>[];
}

export function emptyRepoFleet<T>(): RepoFleet<T> {
  return { leases: [], starts: [], queue: [] };
}
