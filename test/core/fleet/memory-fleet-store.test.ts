import { describe, expect, it } from 'vitest';
import { describeLimit } from '../../../src/core/fleet/describe-limit.ts';
import { HOUR_MS, type FleetLimits } from '../../../src/core/fleet/fleet-limits.ts';
import { MemoryFleetStore } from '../../../src/core/fleet/memory-fleet-store.ts';

const limits: FleetLimits = { maxConcurrentRuns: 1, maxRunsPerHour: 5, overLimit: 'queue' };

describe('MemoryFleetStore', () => {
  it('keeps repositories apart, case-insensitively', async () => {
    const store = new MemoryFleetStore<string>();
    expect((await store.admit('acme/shop', 'a', limits, 0)).kind).toBe('start');
    expect((await store.admit('ACME/Shop', 'b', limits, 1)).kind).toBe('queue');
    expect((await store.admit('acme/other', 'c', limits, 2)).kind).toBe('start');
  });

  it('starts the queued request of the repository whose run finished', async () => {
    const store = new MemoryFleetStore<string>();
    await store.admit('acme/shop', 'a', limits, 0);
    await store.admit('acme/shop', 'b', limits, 1);
    await store.admit('acme/other', 'c', limits, 2);
    await store.admit('acme/other', 'd', limits, 3);
    expect(await store.startQueued(4)).toEqual([]);
    await store.finish('acme/shop', 5);
    const started = await store.startQueued(6);
    expect(started.map((s) => [s.repo, s.queued.request])).toEqual([['acme/shop', 'b']]);
    expect(store.snapshot('acme/shop').leases).toHaveLength(1);
  });

  it('cancel gives the slot back', async () => {
    const store = new MemoryFleetStore<string>();
    const first = await store.admit('acme/shop', 'a', limits, 0);
    if (first.kind !== 'start') throw new Error('expected a start');
    await store.cancel('acme/shop', first.leaseId);
    expect((await store.admit('acme/shop', 'b', limits, 1)).kind).toBe('start');
  });

  it('forgets repositories that have nothing left to count', async () => {
    const store = new MemoryFleetStore<string>();
    await store.admit('acme/shop', 'a', limits, 0);
    await store.finish('acme/shop', 1);
    expect(store.size).toBe(1); // the start still counts for the hour
    await store.finish('acme/shop', HOUR_MS + 1);
    expect(store.size).toBe(0);
  });
});

describe('describeLimit', () => {
  it.each([
    [
      { limit: 'concurrent', running: 2, max: 2 },
      '2 greenlight runs are already running in this repository, the limit (`fleet.maxConcurrentRuns: 2`)',
    ],
    [
      { limit: 'concurrent', running: 1, max: 1 },
      '1 greenlight run is already running in this repository, the limit (`fleet.maxConcurrentRuns: 1`)',
    ],
    [
      { limit: 'hourly', started: 20, max: 20, nextSlotAt: Date.parse('2025-03-04T14:05:30Z') },
      '20 greenlight runs started in this repository in the last hour, the limit (`fleet.maxRunsPerHour: 20`); the next slot frees at 14:05 UTC',
    ],
    [
      { limit: 'queue-full', queued: 50, max: 50 },
      '50 requests are already waiting in this repository, the most the App keeps',
    ],
    [{ limit: 'queued-ahead', queued: 1 }, '1 earlier request is waiting for a slot in this repository'],
  ] as const)('%j', (reason, text) => {
    expect(describeLimit(reason)).toBe(text);
  });
});
