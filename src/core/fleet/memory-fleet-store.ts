/**
 * The in-memory FleetStore: one process's view. Repositories with nothing running,
 * nothing started in the last hour and nothing queued are forgotten, so memory stays
 * proportional to the active repositories.
 */
import { admitRun, cancelLease, finishRun, startQueued, type Admission, type FleetPolicy } from './admit-run.ts';
import type { FleetLimits } from './fleet-limits.ts';
import type { FleetStore, StartedRun } from './fleet-store.ts';
import { pruneRepoFleet } from './limit-reason.ts';
import { emptyRepoFleet, type RepoFleet } from './repo-fleet.ts';

export const DEFAULT_FLEET_POLICY: FleetPolicy = { leaseMs: 2 * 60 * 60 * 1000, maxQueued: 50 };

export class MemoryFleetStore<T> implements FleetStore<T> {
  readonly #repos = new Map<string, RepoFleet<T>>();
  readonly #policy: FleetPolicy;
  #nextId = 1;

  constructor(policy: FleetPolicy = DEFAULT_FLEET_POLICY) {
    this.#policy = policy;
  }

  async admit(repo: string, request: T, limits: FleetLimits, now: number): Promise<Admission> {
    const key = repo.toLowerCase();
    const result = admitRun(
      this.#get(key),
      request,
      limits,
      now,
      { leaseId: this.#id('lease'), queueId: this.#id('queued') },
      this.#policy,
    );
    this.#set(key, result.fleet, now);
    return result.admission;
  }

  async startQueued(now: number): Promise<StartedRun<T>[]> {
    const started: StartedRun<T>[] = [];
    for (const [key, fleet] of [...this.#repos]) {
      const result = startQueued(fleet, now, () => this.#id('lease'), this.#policy);
      this.#set(key, result.fleet, now);
      started.push(...result.started.map((s) => ({ repo: key, leaseId: s.leaseId, queued: s.queued })));
    }
    return started;
  }

  async finish(repo: string, now: number): Promise<void> {
    const key = repo.toLowerCase();
    this.#set(key, finishRun(this.#get(key), now), now);
  }

  async cancel(repo: string, leaseId: string): Promise<void> {
    const key = repo.toLowerCase();
    const fleet = this.#repos.get(key);
    if (fleet !== undefined) this.#repos.set(key, cancelLease(fleet, leaseId));
  }

  /** A copy of one repository's state, for tests and diagnostics. */
  snapshot(repo: string): RepoFleet<T> {
    return structuredClone(this.#get(repo.toLowerCase()));
  }

  /** Requests waiting in every repository. */
  get queuedCount(): number {
    let count = 0;
    for (const fleet of this.#repos.values()) count += fleet.queue.length;
    return count;
  }

  /** Repositories currently tracked. */
  get size(): number {
    return this.#repos.size;
  }

  #get(key: string): RepoFleet<T> {
    return this.#repos.get(key) ?? emptyRepoFleet<T>();
  }

  #set(key: string, fleet: RepoFleet<T>, now: number): void {
    const live = pruneRepoFleet(fleet, now);
    if (live.leases.length === 0 && live.starts.length === 0 && live.queue.length === 0) this.#repos.delete(key);
    else this.#repos.set(key, live);
  }

  #id(kind: string): string {
    return `${kind}-${this.#nextId++}`;
  }
}
