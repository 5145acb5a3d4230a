/**
 * The fleet's state transitions for one repository, pure so that every store (in
 * memory now, Redis later) applies the same rules: admit a request (start it, queue
 * it or refuse it), start queued requests when slots free, end a run, and give back
 * the slot of a dispatch that failed.
 *
 * Queued requests are served first come, first served: while anything is queued, a
 * new request queues behind it even if a slot happens to be free, and `startQueued`
 * (called right after) starts the oldest ones.
 */
import type { FleetLimits, LimitReason } from './fleet-limits.ts';
import { limitReason, pruneRepoFleet } from './limit-reason.ts';
import type { QueuedRun, RepoFleet } from './repo-fleet.ts';

export type Admission =
  | { kind: 'start'; leaseId: string }
  | { kind: 'queue'; queueId: string; /** 1 = next to start. */ position: number; reason: LimitReason }
  | { kind: 'refuse'; reason: LimitReason };

export interface FleetPolicy {
  /** How long a started run holds its slot when its end is never seen. */
  leaseMs: number;
  /** Requests that may wait per repository; more are refused. */
  maxQueued: number;
}

function withLease<T>(fleet: RepoFleet<T>, id: string, now: number, policy: FleetPolicy): RepoFleet<T> {
  return {
    ...fleet,
    leases: [...fleet.leases, { id, startedAt: now, expiresAt: now + policy.leaseMs }],
    starts: [...fleet.starts, now],
  };
}

/** Decides one new request. `ids` are fresh identifiers the caller made up. */
export function admitRun<T>(
  fleet: RepoFleet<T>,
  request: T,
  limits: FleetLimits,
  now: number,
  ids: { leaseId: string; queueId: string },
  policy: FleetPolicy,
): { fleet: RepoFleet<T>; admission: Admission } {
  const current = pruneRepoFleet(fleet, now);
  const blocked = limitReason(current, limits, now);
  const waiting = limits.overLimit === 'queue' ? current.queue.length : 0;
  if (blocked === null && waiting === 0) {
    return { fleet: withLease(current, ids.leaseId, now, policy), admission: { kind: 'start', leaseId: ids.leaseId } };
  }
  const reason: LimitReason = blocked ?? { limit: 'queued-ahead', queued: waiting };
  if (limits.overLimit === 'refuse') return { fleet: current, admission: { kind: 'refuse', reason } };
  if (current.queue.length >= policy.maxQueued) {
    return {
      fleet: current,
      admission: {
        kind: 'refuse',
        reason: { limit: 'queue-full', queued: current.queue.length, max: policy.maxQueued },
      },
    };
  }
  const queued: QueuedRun<T> = { id: ids.queueId, queuedAt: now, limits, request };
  return {
    fleet: { ...current, queue: [...current.queue, queued] },
    admission: { kind: 'queue', queueId: ids.queueId, position: current.queue.length + 1, reason },
  };
}

/**
 * Starts queued requests, oldest first, while the limits they were queued under
 * allow; each started one gets a lease from `newLeaseId`.
 */
export function startQueued<T>(
  fleet: RepoFleet<T>,
  now: number,
  newLeaseId: () => string,
  policy: FleetPolicy,
): { fleet: RepoFleet<T>; started: { queued: QueuedRun<T>; leaseId: string }[] } {
  let current = pruneRepoFleet(fleet, now);
  const started: { queued: QueuedRun<T>; leaseId: string }[] = [];
  for (let head = current.queue[0]; head !== undefined; head = current.queue[0]) {
    if (limitReason(current, head.limits, now) !== null) break;
    const leaseId = newLeaseId();
    current = withLease({ ...current, queue: current.queue.slice(1) }, leaseId, now, policy);
    started.push({ queued: head, leaseId });
  }
  return { fleet: current, started };
}

/** A run ended: its slot is free. The App cannot tell runs apart, so the oldest lease goes. */
export function finishRun<T>(fleet: RepoFleet<T>, now: number): RepoFleet<T> {
  const current = pruneRepoFleet(fleet, now);
  const oldest = [...current.leases].sort((a, b) => a.startedAt - b.startedAt)[0];
  return oldest === undefined ? current : { ...current, leases: current.leases.filter((lease) => lease !== oldest) };
}

/** A dispatch failed: no run started, so neither its slot nor its hourly start counts. */
export function cancelLease<T>(fleet: RepoFleet<T>, leaseId: string): RepoFleet<T> {
  const lease = fleet.leases.find((l) => l.id === leaseId);
  if (lease === undefined) return fleet;
  const at = fleet.starts.indexOf(lease.startedAt);
  return {
    ...fleet,
    leases: fleet.leases.filter((l) => l !== lease),
    starts: at === -1 ? fleet.starts : [...fleet.starts.slice(0, at), ...fleet.starts.slice(at + 1)],
  };
}
