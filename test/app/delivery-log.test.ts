import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../src/app/delivery-log.ts';

describe('DeliveryLog', () => {
  it('claims an id once: busy while it is handled, done after', async () => {
    const log = new DeliveryLog();
    expect(await log.claim('a')).toBe('new');
    expect(await log.claim('a')).toBe('busy');
    await log.complete('a');
    expect(await log.claim('a')).toBe('done');
    expect(await log.claim('b')).toBe('new');
  });

  it('releases a failed id so that its redelivery is processed', async () => {
    const log = new DeliveryLog();
    await log.claim('a');
    await log.release('a');
    expect(log.has('a')).toBe(false);
    expect(await log.claim('a')).toBe('new');
  });

  it('is bounded in size: the oldest ids go first', async () => {
    const log = new DeliveryLog({ maxEntries: 2 });
    await log.claim('a');
    await log.claim('b');
    await log.claim('c');
    expect(log.size).toBe(2);
    expect(log.has('a')).toBe(false);
    expect(await log.claim('b')).toBe('busy');
  });

  it('is bounded in time', async () => {
    let now = 0;
    const log = new DeliveryLog({ ttlMs: 1000, now: () => now });
    await log.claim('a');
    await log.complete('a');
    now = 999;
    expect(await log.claim('a')).toBe('done');
    now = 1000;
    expect(log.has('a')).toBe(false);
    expect(await log.claim('a')).toBe('new');
    await log.claim('b');
    now = 5000;
    await log.claim('c');
    expect(log.size).toBe(1);
  });
});
