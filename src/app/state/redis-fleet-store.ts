/**
 * The FleetStore shared by every App process through Redis: one key per repository
 * holding its `RepoFleet` as JSON, changed only through the core's pure transitions
 * (admitRun, startQueued, finishRun, cancelLease — the same rules as in memory), and
 * written back with a compare-and-set script, retried when another process changed the
 * repository in between. A set indexes the repositories with queued requests, so that
 * draining the queue reads only those.
 *
 * A repository with queued requests never expires; otherwise its key lives as long as
 * its leases and its last hour of starts matter.
 */
import { randomUUID } from 'node:crypto';
import {
  admitRun,
  cancelLease,
  finishRun,
  startQueued,
  type Admission,
  type FleetPolicy,
} from '../../core/fleet/admit-run.ts';
import { HOUR_MS, type FleetLimits } from '../../core/fleet/fleet-limits.ts';
import type { FleetStore, StartedRun } from '../../core/fleet/fleet-store.ts';
import { pruneRepoFleet } from '../../core/fleet/limit-reason.ts';
import { emptyRepoFleet, type RepoFleet } from '../../core/fleet/repo-fleet.ts';
import type { RedisConnection } from './redis-connection.ts';
import { StateUnavailableError } from './state-unavailable.ts';

const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
elseif ARGV[3] == '0' then
  redis.call('SET', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
if ARGV[5] == '1' then redis.call('SADD', KEYS[2], ARGV[4]) else redis.call('SREM', KEYS[2], ARGV[4]) end
return 1`;

/** Attempts of one read-modify-write before giving up (each conflict means another process made progress). */
const MAX_ATTEMPTS = 100;

export class RedisFleetStore<T> implements FleetStore<T> {
  readonly #redis: RedisConnection;
  readonly #policy: FleetPolicy;

  constructor(redis: RedisConnection, policy: FleetPolicy) {
    this.#redis = redis;
    this.#policy = policy;
  }

  async admit(repo: string, request: T, limits: FleetLimits, now: number): Promise<Admission> {
    const ids = { leaseId: newId('lease'), queueId: newId('queued') };
    return this.#update(repo.toLowerCase(), now, (fleet) => {
      const result = admitRun(fleet, request, limits, now, ids, this.#policy);
      return { fleet: result.fleet, value: result.admission };
    });
  }

  async startQueued(now: number): Promise<StartedRun<T>[]> {
    const repos = await this.#redis.run('listing queued repositories', (c) => c.smembers(this.#queuedKey()));
    const started: StartedRun<T>[] = [];
    for (const repo of repos.sort()) {
      const runs = await this.#update(repo, now, (fleet) => {
        const result = startQueued(fleet, now, () => newId('lease'), this.#policy);
        return { fleet: result.fleet, value: result.started };
      });
      started.push(...runs.map((s) => ({ repo, leaseId: s.leaseId, queued: s.queued })));
    }
    return started;
  }

  async finish(repo: string, now: number): Promise<void> {
    await this.#update(repo.toLowerCase(), now, (fleet) => ({ fleet: finishRun(fleet, now), value: undefined }));
  }

  async cancel(repo: string, leaseId: string): Promise<void> {
    await this.#update(repo.toLowerCase(), Date.now(), (fleet) => ({
      fleet: cancelLease(fleet, leaseId),
      value: undefined,
    }));
  }

  /** One repository's state as stored, for tests and diagnostics. */
  async snapshot(repo: string): Promise<RepoFleet<T>> {
    const text = await this.#redis.run('reading fleet state', (c) => c.get(this.#key(repo.toLowerCase())));
    return text === null ? emptyRepoFleet<T>() : (JSON.parse(text) as RepoFleet<T>);
  }

  async #update<V>(repo: string, now: number, change: (fleet: RepoFleet<T>) => { fleet: RepoFleet<T>; value: V }) {
    const key = this.#key(repo);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = (await this.#redis.run('reading fleet state', (c) => c.get(key))) ?? '';
      const fleet = before === '' ? emptyRepoFleet<T>() : (JSON.parse(before) as RepoFleet<T>);
      const result = change(fleet);
      const live = pruneRepoFleet(result.fleet, now);
      const empty = live.leases.length === 0 && live.starts.length === 0 && live.queue.length === 0;
      const after = empty ? '' : JSON.stringify(live);
      if (after === before) return result.value;
      const written = await this.#redis.script(
        COMPARE_AND_SET,
        [key, this.#queuedKey()],
        [before, after, this.#ttl(live, now), repo, live.queue.length > 0 ? '1' : '0'],
      );
      if (written === 1) return result.value;
      // Another process changed this repository in between: read it again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
    }
    throw new StateUnavailableError(`the fleet state of ${repo} kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  /** Milliseconds the key must live; 0 for "until changed" (something is queued). */
  #ttl(fleet: RepoFleet<T>, now: number): number {
    if (fleet.queue.length > 0) return 0;
    const until = Math.max(now, ...fleet.leases.map((l) => l.expiresAt), ...fleet.starts.map((at) => at + HOUR_MS));
    return until - now + 60_000;
  }

  #key(repo: string): string {
    return `${this.#redis.prefix}fleet:repo:${repo}`;
  }

  #queuedKey(): string {
    return `${this.#redis.prefix}fleet:queued`;
  }
}

function newId(kind: string): string {
  return `${kind}-${randomUUID()}`;
}
