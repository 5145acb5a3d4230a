/**
 * A token bucket for pacing GitHub API writes of ONE installation: bursts up to
 * `capacity` pass at once, then requests are spaced at `refillPerSecond`. A
 * reservation may take the bucket below zero; the caller then waits until its token
 * has been refilled, so waiting callers are served in the order they asked.
 *
 * Unlike a minimum spacing between every write (Bottleneck's `minTime`, what Octokit's
 * throttling plugin does), one delivery's three writes do not wait 2 s for each other,
 * and the sustained rate still stays under GitHub's secondary limits.
 */
export interface TokenBucket {
  capacity: number;
  refillPerSecond: number;
}

export interface BucketState {
  /** Tokens available at `at`; negative when reservations are waiting. */
  tokens: number;
  at: number;
}

/**
 * Reserves `weight` tokens (default 1) at `now`; `waitMs` is how long to wait before
 * using them. Weight 0 (a retry of a request that already paid) never waits.
 */
export function reserveTokens(
  state: BucketState | undefined,
  bucket: TokenBucket,
  now: number,
  weight = 1,
): { state: BucketState; waitMs: number } {
  if (weight <= 0) return { state: state ?? { tokens: bucket.capacity, at: now }, waitMs: 0 };
  const elapsed = state === undefined ? 0 : Math.max(0, now - state.at);
  const available =
    state === undefined
      ? bucket.capacity
      : Math.min(bucket.capacity, state.tokens + (elapsed * bucket.refillPerSecond) / 1000);
  const tokens = available - weight;
  const waitMs = tokens >= 0 ? 0 : Math.ceil((-tokens / bucket.refillPerSecond) * 1000);
  return { state: { tokens, at: now }, waitMs };
}

/** True when the bucket has refilled completely: its state can be forgotten. */
export function isBucketFull(state: BucketState, bucket: TokenBucket, now: number): boolean {
  return state.tokens + ((now - state.at) * bucket.refillPerSecond) / 1000 >= bucket.capacity;
}
