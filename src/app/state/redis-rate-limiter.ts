/**
 * A per-installation token bucket shared by every App process through Redis: the same
 * arithmetic as the in-memory `reserveTokens` (core/fleet/token-bucket.ts), done by one
 * Lua script so that a reservation is atomic and costs one round trip. Bursts pass,
 * sustained rates stay under GitHub's secondary limits however many processes send.
 *
 * The bucket's clock only moves forward, so that processes whose clocks differ a little
 * never refill a bucket twice for the same time.
 */
import type { TokenBucket } from '../token-bucket.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RedisConnection } from './redis-connection.ts';

const RESERVE = `
local capacity = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local weight = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
local at = now
if state[1] then
  at = math.max(now, tonumber(state[2]))
  tokens = math.min(capacity, tonumber(state[1]) + (math.max(0, now - tonumber(state[2])) * perSecond) / 1000)
end
tokens = tokens - weight
local wait = 0
if tokens < 0 then wait = math.ceil((-tokens / perSecond) * 1000) end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.ceil(((capacity - tokens) / perSecond) * 1000) + 1000)
return wait`;

export interface RedisRateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (key: string, waitMs: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RedisRateLimiter implements RateLimiter {
  readonly bucket: TokenBucket;
  readonly #redis: RedisConnection;
  readonly #name: string;
  readonly #options: RedisRateLimiterOptions;

  /** `name` tells buckets of one key apart (`write`, `notifications`). */
  constructor(redis: RedisConnection, name: string, bucket: TokenBucket, options: RedisRateLimiterOptions = {}) {
    this.#redis = redis;
    this.#name = name;
    this.bucket = bucket;
    this.#options = options;
  }

  async acquire(key: string, weight = 1): Promise<void> {
    if (weight <= 0) return;
    const waitMs = Number(
      await this.#redis.script(
        RESERVE,
        [`${this.#redis.prefix}rate:${this.#name}:${key}`],
        [this.bucket.capacity, this.bucket.refillPerSecond, (this.#options.now ?? Date.now)(), weight],
      ),
    );
    if (waitMs > 0) {
      this.#options.onWait?.(key, waitMs);
      await (this.#options.sleep ?? defaultSleep)(waitMs);
    }
  }
}
