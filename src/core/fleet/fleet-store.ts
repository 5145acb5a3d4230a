/**
 * Where the App keeps fleet state. Each method is one atomic step over one
 * repository's `RepoFleet` (admitRun & co.), so that a shared implementation — Redis
 * with a Lua script or WATCH/MULTI per repository key — can replace the in-memory one
 * when several App processes serve the same installations. With the in-memory store,
 * every process counts only the runs it started itself.
 */
import type { Admission } from './admit-run.ts';
import type { FleetLimits } from './fleet-limits.ts';
import type { QueuedRun } from './repo-fleet.ts';

export interface StartedRun<T> {
  repo: string;
  leaseId: string;
  queued: QueuedRun<T>;
}

export interface FleetStore<T> {
  /** Starts, queues or refuses one request for `repo` (`owner/name`, any case). */
  admit(repo: string, request: T, limits: FleetLimits, now: number): Promise<Admission>;
  /** Queued requests (of every repository) that may start now; they hold a lease when returned. */
  startQueued(now: number): Promise<StartedRun<T>[]>;
  /** One run of `repo` ended. */
  finish(repo: string, now: number): Promise<void>;
  /** The dispatch of a started request failed: give its slot back. */
  cancel(repo: string, leaseId: string): Promise<void>;
}
