/**
 * Per-key token buckets: `acquire(key)` resolves when the key may send one more
 * request. The App keys them by installation, so one installation's burst never delays
 * another's requests (docs/security.md §25), and within one installation
 * writes burst, then pace (token-bucket.ts). An acquire that need not wait costs no
 * timer and no queue.
 */
import { isBucketFull, reserveTokens, type BucketState, type TokenBucket } from './token-bucket.ts';

export interface KeyedRateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called with (key, waitMs) whenever a request has to wait; for logs and tests. */
  onWait?: (key: string, waitMs: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class KeyedRateLimiter {
  readonly bucket: TokenBucket;
  readonly #states = new Map<string, BucketState>();
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #onWait: ((key: string, waitMs: number) => void) | undefined;
  #sinceSweep = 0;

  constructor(bucket: TokenBucket, options: KeyedRateLimiterOptions = {}) {
    this.bucket = bucket;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#onWait = options.onWait;
  }

  /** Takes `weight` tokens of `key` (0: a retry, never waits), waiting until they are there. */
  async acquire(key: string, weight = 1): Promise<void> {
    const now = this.#now();
    const { state, waitMs } = reserveTokens(this.#states.get(key), this.bucket, now, weight);
    this.#states.set(key, state);
    this.#sweep(now);
    if (waitMs > 0) {
      this.#onWait?.(key, waitMs);
      await this.#sleep(waitMs);
    }
  }

  /** Keys currently tracked (idle ones are swept away). */
  get size(): number {
    return this.#states.size;
  }

  #sweep(now: number): void {
    if (++this.#sinceSweep < 1000) return;
    this.#sinceSweep = 0;
    for (const [id, state] of this.#states) if (isBucketFull(state, this.bucket, now)) this.#states.delete(id);
  }
}
