/**
 * At-most-once processing of webhook deliveries (docs/security.md §24): remembers the
 * delivery ids (`X-GitHub-Delivery`, which a redelivery keeps) it has begun, bounded in
 * size (least recently begun forgotten first) and in time. A delivery whose handling
 * FAILED is forgotten again, so that GitHub's (or the App's own) redelivery of it is
 * processed; one that is still being handled or succeeded is not processed twice.
 *
 * In memory, per process: behind a load balancer, a shared store (Redis SET NX with a
 * TTL) gives the same guarantee across processes.
 */
export interface DeliveryLogOptions {
  /** Most delivery ids remembered; default 10,000. */
  maxEntries?: number;
  /** How long an id is remembered; default 24 h (GitHub redelivers within days, the App within its window). */
  ttlMs?: number;
  now?: () => number;
}

export class DeliveryLog {
  readonly #seen = new Map<string, number>();
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(options: DeliveryLogOptions = {}) {
    this.#max = options.maxEntries ?? 10_000;
    this.#ttl = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** True when `id` is new (and now remembered); false for a duplicate. */
  begin(id: string): boolean {
    const now = this.#now();
    const at = this.#seen.get(id);
    if (at !== undefined && now - at < this.#ttl) return false;
    this.#seen.delete(id);
    this.#seen.set(id, now);
    this.#evict(now);
    return true;
  }

  /** Handling `id` failed: a redelivery may try again. */
  forget(id: string): void {
    this.#seen.delete(id);
  }

  /** Whether `id` is remembered. */
  has(id: string): boolean {
    const at = this.#seen.get(id);
    return at !== undefined && this.#now() - at < this.#ttl;
  }

  get size(): number {
    return this.#seen.size;
  }

  #evict(now: number): void {
    // Map iteration is insertion order: the oldest entries come first.
    for (const [id, at] of this.#seen) {
      if (this.#seen.size <= this.#max && now - at < this.#ttl) break;
      this.#seen.delete(id);
    }
  }
}
