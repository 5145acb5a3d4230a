import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../src/app/delivery-log.ts';

describe('DeliveryLog', () => {
  it('begins an id once', () => {
    const log = new DeliveryLog();
    expect(log.begin('a')).toBe(true);
    expect(log.begin('a')).toBe(false);
    expect(log.begin('b')).toBe(true);
  });

  it('forgets a failed id so that its redelivery is processed', () => {
    const log = new DeliveryLog();
    log.begin('a');
    log.forget('a');
    expect(log.begin('a')).toBe(true);
  });

  it('is bounded in size: the oldest ids go first', () => {
    const log = new DeliveryLog({ maxEntries: 2 });
    log.begin('a');
    log.begin('b');
    log.begin('c');
    expect(log.size).toBe(2);
    expect(log.has('a')).toBe(false);
    expect(log.begin('b')).toBe(false);
  });

  it('is bounded in time', () => {
    let now = 0;
    const log = new DeliveryLog({ ttlMs: 1000, now: () => now });
    log.begin('a');
    now = 999;
    expect(log.begin('a')).toBe(false);
    now = 1000;
    expect(log.has('a')).toBe(false);
    expect(log.begin('a')).toBe(true);
    log.begin('b');
    now = 5000;
    log.begin('c');
    expect(log.size).toBe(1);
  });
});
