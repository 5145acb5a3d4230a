import { describe, expect, it } from 'vitest';
import { admitRun, cancelLease, finishRun, startQueued, type FleetPolicy } from '../../../src/core/fleet/admit-run.ts';
import { HOUR_MS, type FleetLimits } from '../../../src/core/fleet/fleet-limits.ts';
import { limitReason } from '../../../src/core/fleet/limit-reason.ts';
import { emptyRepoFleet, type RepoFleet } from '../../../src/core/fleet/repo-fleet.ts';

const policy: FleetPolicy = { leaseMs: 60 * 60 * 1000, maxQueued: 2 };
const limits = (overrides: Partial<FleetLimits> = {}): FleetLimits => ({
  maxConcurrentRuns: 2,
  maxRunsPerHour: 3,
  overLimit: 'queue',
  ...overrides,
});

let n = 0;
const ids = () => ({ leaseId: `l${++n}`, queueId: `q${n}` });

function admitAll(count: number, lim: FleetLimits, start = 0, fleet: RepoFleet<string> = emptyRepoFleet()) {
  const admissions = [];
  for (let i = 0; i < count; i++) {
    const result = admitRun(fleet, `r${i}`, lim, start + i, ids(), policy);
    fleet = result.fleet;
    admissions.push(result.admission);
  }
  return { fleet, admissions };
}

describe('limitReason', () => {
  it.each([
    [{ leases: 0, starts: 0 }, null],
    [{ leases: 2, starts: 2 }, 'concurrent'],
    [{ leases: 1, starts: 3 }, 'hourly'],
    [{ leases: 2, starts: 3 }, 'concurrent'],
  ])('%j → %s', (state, expected) => {
    const fleet: RepoFleet<string> = {
      leases: Array.from({ length: state.leases }, (_, i) => ({ id: `l${i}`, startedAt: 0, expiresAt: 10_000 })),
      starts: Array.from({ length: state.starts }, (_, i) => i),
      queue: [],
    };
    expect(limitReason(fleet, limits(), 100)?.limit ?? null).toBe(expected);
  });

  it('says when the hourly window frees its next slot', () => {
    const fleet: RepoFleet<string> = { leases: [], starts: [1000, 2000, 3000], queue: [] };
    expect(limitReason(fleet, limits({ maxRunsPerHour: 3 }), 5000)).toEqual({
      limit: 'hourly',
      started: 3,
      max: 3,
      nextSlotAt: 1000 + HOUR_MS,
    });
    expect(limitReason(fleet, limits({ maxRunsPerHour: 2 }), 5000)).toEqual({
      limit: 'hourly',
      started: 3,
      max: 2,
      nextSlotAt: 2000 + HOUR_MS,
    });
  });

  it('no longer counts starts older than an hour nor expired leases', () => {
    const fleet: RepoFleet<string> = {
      leases: [
        { id: 'a', startedAt: 0, expiresAt: 50 },
        { id: 'b', startedAt: 0, expiresAt: 50 },
      ],
      starts: [0, 1, 2],
      queue: [],
    };
    expect(limitReason(fleet, limits(), HOUR_MS + 10)).toBeNull();
  });
});

describe('admitRun', () => {
  it('starts runs up to maxConcurrentRuns, then queues them in order', () => {
    const { fleet, admissions } = admitAll(4, limits());
    expect(admissions.map((a) => a.kind)).toEqual(['start', 'start', 'queue', 'queue']);
    expect(admissions[2]).toMatchObject({
      kind: 'queue',
      position: 1,
      reason: { limit: 'concurrent', running: 2, max: 2 },
    });
    expect(admissions[3]).toMatchObject({ kind: 'queue', position: 2 });
    expect(fleet.queue.map((q) => q.request)).toEqual(['r2', 'r3']);
    expect(fleet.leases).toHaveLength(2);
  });

  it('refuses over a limit when overLimit is refuse, and keeps nothing', () => {
    const { fleet, admissions } = admitAll(3, limits({ overLimit: 'refuse' }));
    expect(admissions[2]).toEqual({ kind: 'refuse', reason: { limit: 'concurrent', running: 2, max: 2 } });
    expect(fleet.queue).toEqual([]);
  });

  it('refuses once the queue is full', () => {
    const { admissions } = admitAll(5, limits());
    expect(admissions[4]).toEqual({ kind: 'refuse', reason: { limit: 'queue-full', queued: 2, max: 2 } });
  });

  it('counts runs per hour even after they finished', () => {
    let { fleet } = admitAll(2, limits({ maxConcurrentRuns: 5 }));
    fleet = finishRun(finishRun(fleet, 10), 11);
    const third = admitRun(fleet, 'x', limits({ maxConcurrentRuns: 5, maxRunsPerHour: 2 }), 12, ids(), policy);
    expect(third.admission).toMatchObject({
      kind: 'queue',
      reason: { limit: 'hourly', started: 2, max: 2, nextSlotAt: HOUR_MS },
    });
  });

  it('queues a newcomer behind waiting requests even when a slot is free (first come, first served)', () => {
    let { fleet } = admitAll(3, limits());
    fleet = finishRun(fleet, 10);
    const result = admitRun(fleet, 'late', limits({ maxRunsPerHour: 10 }), 11, ids(), policy);
    expect(result.admission).toMatchObject({
      kind: 'queue',
      position: 2,
      reason: { limit: 'queued-ahead', queued: 1 },
    });
  });
});

describe('startQueued, finishRun and cancelLease', () => {
  it('starts the oldest queued requests when a slot frees', () => {
    let { fleet } = admitAll(4, limits({ maxRunsPerHour: 10 }));
    expect(startQueued(fleet, 10, () => 'x', policy).started).toEqual([]);
    fleet = finishRun(fleet, 10);
    const result = startQueued(fleet, 11, () => 'new-lease', policy);
    expect(result.started.map((s) => [s.queued.request, s.leaseId])).toEqual([['r2', 'new-lease']]);
    expect(result.fleet.queue.map((q) => q.request)).toEqual(['r3']);
    expect(result.fleet.leases.map((l) => l.id)).toContain('new-lease');
  });

  it('starts queued requests once the hour has passed', () => {
    const { fleet } = admitAll(4, limits({ maxConcurrentRuns: 10, maxRunsPerHour: 2 }));
    expect(startQueued(fleet, HOUR_MS - 1, () => 'x', policy).started).toEqual([]);
    // Leases outlive the hour here (policy.leaseMs = 1 h counts from each start).
    const later = startQueued(fleet, HOUR_MS + 5, () => 'y', { ...policy, leaseMs: 10 * HOUR_MS });
    expect(later.started.map((s) => s.queued.request)).toEqual(['r2', 'r3']);
  });

  it('frees a slot whose run was never seen to end when its lease expires', () => {
    const { fleet } = admitAll(3, limits({ maxRunsPerHour: 10 }));
    expect(startQueued(fleet, policy.leaseMs - 1, () => 'x', policy).started).toEqual([]);
    expect(startQueued(fleet, policy.leaseMs + 1, () => 'x', policy).started).toHaveLength(1);
  });

  it('finishRun frees the oldest lease; finishing with nothing running is harmless', () => {
    const { fleet } = admitAll(2, limits());
    expect(finishRun(fleet, 5).leases.map((l) => l.startedAt)).toEqual([1]);
    expect(finishRun(emptyRepoFleet(), 5)).toEqual(emptyRepoFleet());
  });

  it('cancelLease gives back the slot and the hourly start of a failed dispatch', () => {
    const { fleet } = admitAll(2, limits());
    const lease = fleet.leases[1];
    const after = cancelLease(fleet, lease?.id ?? '');
    expect(after.leases).toHaveLength(1);
    expect(after.starts).toEqual([0]);
    expect(cancelLease(after, 'unknown')).toBe(after);
  });
});
