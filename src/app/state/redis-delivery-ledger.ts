/**
 * The DeliveryLedger shared by every App process through Redis. One key per delivery
 * id: `pending:<process>` while a process handles it, `done` after. A claim is one
 * atomic script: a pending delivery whose process is gone (its liveness key expired:
 * it was killed) is taken over, so that the redelivery of a delivery a dead process
 * had accepted is processed, never dropped as a duplicate.
 *
 * `complete` and `release` never fail the delivery: when Redis is briefly away their
 * writes are kept and retried at the next heartbeat (redis-app-state.ts).
 */
import type { DeliveryClaim, DeliveryLedger } from './delivery-ledger.ts';
import type { RedisConnection } from './redis-connection.ts';

const CLAIM = `
local value = redis.call('GET', KEYS[1])
if value == 'done' then return 'done' end
if value then
  local owner = string.sub(value, 9)
  if redis.call('EXISTS', ARGV[3] .. owner) == 1 then return 'busy' end
end
redis.call('SET', KEYS[1], 'pending:' .. ARGV[1], 'PX', ARGV[2])
return 'new'`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == 'pending:' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

export interface RedisDeliveryLedgerOptions {
  /** This process's id (its liveness key is `<prefix>process:<id>`). */
  processId: string;
  /** How long a claim holds without its process; default 10 min (a safety net behind the liveness check). */
  pendingTtlMs?: number;
  /** How long a handled id is remembered; default 24 h, as in memory. */
  doneTtlMs?: number;
}

export class RedisDeliveryLedger implements DeliveryLedger {
  readonly #redis: RedisConnection;
  readonly #options: Required<RedisDeliveryLedgerOptions>;
  /** Writes that failed, retried by `flush`. */
  readonly #deferred = new Map<string, 'complete' | 'release'>();

  constructor(redis: RedisConnection, options: RedisDeliveryLedgerOptions) {
    this.#redis = redis;
    this.#options = { pendingTtlMs: 10 * 60_000, doneTtlMs: 24 * 3_600_000, ...options };
  }

  async claim(id: string): Promise<DeliveryClaim> {
    // A release that failed earlier would make this copy look busy: write it first.
    const pending = this.#deferred.get(id);
    if (pending !== undefined) await this.#write(id, pending);
    const answer = await this.#redis.script(
      CLAIM,
      [this.#key(id)],
      [this.#options.processId, this.#options.pendingTtlMs, `${this.#redis.prefix}process:`],
    );
    this.#deferred.delete(id);
    return answer as DeliveryClaim;
  }

  async complete(id: string): Promise<void> {
    await this.#write(id, 'complete');
  }

  async release(id: string): Promise<void> {
    await this.#write(id, 'release');
  }

  /** Retries the writes that failed; true when none is left. */
  async flush(): Promise<boolean> {
    for (const [id, what] of [...this.#deferred]) await this.#write(id, what);
    return this.#deferred.size === 0;
  }

  /** Writes waiting for Redis to come back. */
  get deferred(): number {
    return this.#deferred.size;
  }

  async #write(id: string, what: 'complete' | 'release'): Promise<void> {
    try {
      if (what === 'complete') {
        await this.#redis.run('marking a delivery handled', (c) =>
          c.set(this.#key(id), 'done', 'PX', this.#options.doneTtlMs),
        );
      } else {
        await this.#redis.script(RELEASE, [this.#key(id)], [this.#options.processId]);
      }
      this.#deferred.delete(id);
    } catch {
      this.#deferred.set(id, what);
    }
  }

  #key(id: string): string {
    return `${this.#redis.prefix}delivery:${id}`;
  }
}
