import { describe, expect, it } from 'vitest';
import { isBucketFull, reserveTokens, type BucketState } from '../../src/app/token-bucket.ts';

const bucket = { capacity: 3, refillPerSecond: 1 };

describe('reserveTokens', () => {
  it('lets a burst up to the capacity through, then spaces requests at the refill rate', () => {
    let state: BucketState | undefined;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = reserveTokens(state, bucket, 0);
      state = r.state;
      waits.push(r.waitMs);
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('refills over time, never above the capacity', () => {
    let { state } = reserveTokens(undefined, bucket, 0);
    ({ state } = reserveTokens(state, bucket, 0));
    ({ state } = reserveTokens(state, bucket, 0));
    expect(reserveTokens(state, bucket, 1500).waitMs).toBe(0);
    expect(reserveTokens(state, bucket, 60_000).state.tokens).toBe(2);
  });

  it('a zero-weight reservation (a retry) never waits', () => {
    let state: BucketState | undefined;
    for (let i = 0; i < 5; i++) state = reserveTokens(state, bucket, 0).state;
    expect(reserveTokens(state, bucket, 0, 1).waitMs).toBe(3000);
    expect(reserveTokens(state, bucket, 0, 0)).toEqual({ state, waitMs: 0 });
  });

  it('isBucketFull says when a state can be forgotten', () => {
    const { state } = reserveTokens(undefined, bucket, 0);
    expect(isBucketFull(state, bucket, 0)).toBe(false);
    expect(isBucketFull(state, bucket, 1000)).toBe(true);
  });
});
