/**
 * Per-key token buckets in the shape Octokit's throttling plugin expects of its
 * Bottleneck groups (`group.key(id).schedule(options, fn, ...args)`), so that the App
 * can hand the plugin its own `write` and `notifications` limiters. The plugin keys
 * them by the Octokit's `throttle.id`, which the App sets to the installation: one
 * installation's burst never delays another's requests (DESIGN.md "Performance
 * model"), and within one installation writes burst, then pace (token-bucket.ts).
 */
import { isBucketFull, reserveTokens, type BucketState, type TokenBucket } from '../core/fleet/token-bucket.ts';

export interface KeyedRateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called with (key, waitMs) whenever a request has to wait; for logs and tests. */
  onWait?: (key: string, waitMs: number) => void;
}

type JobOptions = { weight?: number } | undefined;
type Job<R> = (...args: never[]) => R | Promise<R>;

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

  /** The limiter of one key (installation). */
  key(id = ''): { schedule: <R>(...args: unknown[]) => Promise<R> } {
    return { schedule: <R>(...args: unknown[]) => this.#schedule<R>(id, args) };
  }

  /** Keys currently tracked (idle ones are swept away). */
  get size(): number {
    return this.#states.size;
  }

  async #schedule<R>(id: string, args: unknown[]): Promise<R> {
    // Bottleneck's two call shapes: schedule(fn, ...args) and schedule(options, fn, ...args).
    const [first, ...rest] = args;
    const withOptions = typeof first !== 'function';
    const options = (withOptions ? first : undefined) as JobOptions;
    const [fn, ...fnArgs] = (withOptions ? rest : args) as [Job<R>, ...never[]];
    const now = this.#now();
    const { state, waitMs } = reserveTokens(this.#states.get(id), this.bucket, now, options?.weight ?? 1);
    this.#states.set(id, state);
    this.#sweep(now);
    if (waitMs > 0) {
      this.#onWait?.(id, waitMs);
      await this.#sleep(waitMs);
    }
    return fn(...fnArgs);
  }

  #sweep(now: number): void {
    if (++this.#sinceSweep < 1000) return;
    this.#sinceSweep = 0;
    for (const [id, state] of this.#states) if (isBucketFull(state, this.bucket, now)) this.#states.delete(id);
  }
}
