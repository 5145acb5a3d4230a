/**
 * What the App's request policy asks of a per-installation rate limiter: `acquire(key)`
 * resolves when the key may send one more request. In memory (`KeyedRateLimiter`) each
 * process paces its own requests; in Redis (`RedisRateLimiter`) every process draws
 * from the same bucket per installation.
 */
export interface RateLimiter {
  /** Takes `weight` tokens of `key` (0: a retry, never waits), waiting until they are there. */
  acquire(key: string, weight?: number): Promise<void>;
}
