/**
 * The in-memory DeliveryLedger of one App process (docs/security.md §24): remembers the
 * delivery ids (`X-GitHub-Delivery`, which a redelivery keeps) it has claimed, bounded
 * in size (least recently claimed forgotten first) and in time. A delivery whose
 * handling FAILED is forgotten again, so that GitHub's (or the App's own) redelivery of
 * it is processed; one that is still being handled is `busy`, one that succeeded `done`.
 *
 * Per process: behind a load balancer, `RedisDeliveryLedger` (state/) gives the same
 * guarantee across processes.
 */
import type { DeliveryClaim, DeliveryLedger } from './state/delivery-ledger.ts';

export interface DeliveryLogOptions {
  /** Most delivery ids remembered; default 10,000. */
  maxEntries?: number;
  /** How long an id is remembered; default 24 h (GitHub redelivers within days, the App within its window). */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  done: boolean;
}

export class DeliveryLog implements DeliveryLedger {
  readonly #seen = new Map<string, Entry>();
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(options: DeliveryLogOptions = {}) {
    this.#max = options.maxEntries ?? 10_000;
    this.#ttl = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  async claim(id: string): Promise<DeliveryClaim> {
    const now = this.#now();
    const entry = this.#seen.get(id);
    if (entry !== undefined && now - entry.at < this.#ttl) return entry.done ? 'done' : 'busy';
    this.#remember(id, { at: now, done: false });
    return 'new';
  }

  async complete(id: string): Promise<void> {
    this.#remember(id, { at: this.#now(), done: true });
  }

  async release(id: string): Promise<void> {
    this.#seen.delete(id);
  }

  /** Whether `id` is remembered (claimed or done). */
  has(id: string): boolean {
    const entry = this.#seen.get(id);
    return entry !== undefined && this.#now() - entry.at < this.#ttl;
  }

  get size(): number {
    return this.#seen.size;
  }

  #remember(id: string, entry: Entry): void {
    this.#seen.delete(id);
    this.#seen.set(id, entry);
    // Map iteration is insertion order: the oldest entries come first.
    for (const [key, old] of this.#seen) {
      if (this.#seen.size <= this.#max && entry.at - old.at < this.#ttl) break;
      this.#seen.delete(key);
    }
  }
}
