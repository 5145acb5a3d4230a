// The Redis-backed state against a real redis-server: two connections stand for two
// App processes. Same rules as in memory (the core's fleet transitions, the token
// bucket's arithmetic), shared; a dead process's claims are taken over; an unreachable
// Redis is a StateUnavailableError (answered 503), never a silent "done".
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FLEET_POLICY, MemoryFleetStore } from '../../../src/core/fleet/memory-fleet-store.ts';
import { reserveTokens, type BucketState } from '../../../src/app/token-bucket.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { connectRedis, type RedisConnection } from '../../../src/app/state/redis-connection.ts';
import { RedisDeliveryLedger } from '../../../src/app/state/redis-delivery-ledger.ts';
import { RedisFleetStore } from '../../../src/app/state/redis-fleet-store.ts';
import { RedisRateLimiter } from '../../../src/app/state/redis-rate-limiter.ts';
import { createRedisAppState } from '../../../src/app/state/redis-app-state.ts';
import { isStateUnavailable } from '../../../src/app/state/state-unavailable.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { startRedis, type TestRedis } from './redis-server.ts';
import { requireTool } from '../../setup/require-tool.ts';

const haveRedis = await requireTool('redis-server');

const DEFAULT_FLEET_LIMITS = defaultConfig().fleet;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let redis: TestRedis;
const open: RedisConnection[] = [];

beforeAll(async () => {
  if (!haveRedis) return;
  redis = await startRedis();
}, 60_000);
afterAll(async () => {
  if (!haveRedis) return;
  await redis.remove();
});
afterEach(async () => {
  if (!haveRedis) return;
  for (const connection of open.splice(0)) await connection.close();
  await redis.start(); // a test that stopped it gets it back
});

let prefixes = 0;
/** A connection with its own key prefix, so that tests never see each other's keys. */
async function connect(prefix = `t${++prefixes}:`): Promise<RedisConnection> {
  const connection = await connectRedis(redis.url, quiet, { prefix });
  open.push(connection);
  return connection;
}

describe.runIf(haveRedis)('RedisDeliveryLedger', () => {
  it('claims a delivery once across processes: busy while handled, done after, new again when released', async () => {
    const a = await connect('d1:');
    const b = await connect('d1:');
    await a.client.set('d1:process:A', '1');
    await b.client.set('d1:process:B', '1');
    const ledgerA = new RedisDeliveryLedger(a, { processId: 'A' });
    const ledgerB = new RedisDeliveryLedger(b, { processId: 'B' });
    const claims = await Promise.all([ledgerA.claim('g1'), ledgerB.claim('g1'), ledgerA.claim('g1')]);
    expect(claims.sort()).toEqual(['busy', 'busy', 'new']);
    await ledgerA.release('g1');
    await ledgerB.release('g1'); // not B's claim: nothing happens
    expect(await ledgerB.claim('g1')).toBe('new');
    await ledgerB.complete('g1');
    expect(await ledgerA.claim('g1')).toBe('done');
  });

  it('takes over the claim of a process that died (its liveness key is gone), so a redelivery is processed', async () => {
    const a = await connect('d2:');
    await a.client.set('d2:process:B', '1');
    const dead = new RedisDeliveryLedger(a, { processId: 'DEAD' });
    const alive = new RedisDeliveryLedger(a, { processId: 'B' });
    expect(await dead.claim('g2')).toBe('new');
    expect(await alive.claim('g2')).toBe('new');
    expect(await a.client.get('d2:delivery:g2')).toBe('pending:B');
  });

  it('keeps a release that failed while Redis was away and writes it when Redis is back', async () => {
    const a = await connect('d3:');
    await a.client.set('d3:process:A', '1', 'PX', 60_000);
    const ledger = new RedisDeliveryLedger(a, { processId: 'A' });
    expect(await ledger.claim('g3')).toBe('new');
    await a.client.set('d3:delivery:g3', 'pending:A'); // as claimed
    await redis.stop();
    await expect(ledger.claim('g4')).rejects.toSatisfy(isStateUnavailable);
    await ledger.release('g3'); // never throws
    expect(ledger.deferred).toBe(1);
    await redis.start();
    // Redis came back empty here; either way the redelivery must be claimable.
    while (a.client.status !== 'ready') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ledger.claim('g3')).toBe('new');
    expect(ledger.deferred).toBe(0);
  });
});

describe.runIf(haveRedis)('RedisFleetStore', () => {
  it('applies the same rules as the in-memory store', async () => {
    const store = new RedisFleetStore<string>(await connect(), DEFAULT_FLEET_POLICY);
    const memory = new MemoryFleetStore<string>(DEFAULT_FLEET_POLICY);
    const limits = { ...DEFAULT_FLEET_LIMITS, maxConcurrentRuns: 2, maxRunsPerHour: 3 };
    const now = 1_000_000;
    const kinds = async (s: RedisFleetStore<string> | MemoryFleetStore<string>) => {
      const out: string[] = [];
      for (let i = 0; i < 5; i++) out.push((await s.admit('Acme/Shop', `r${i}`, limits, now + i)).kind);
      await s.finish('acme/shop', now + 10);
      out.push(...(await s.startQueued(now + 11)).map((r) => `started ${r.queued.request}`));
      await s.finish('acme/shop', now + 12);
      out.push(...(await s.startQueued(now + 13)).map((r) => `started ${r.queued.request}`));
      return out;
    };
    const expected = await kinds(memory);
    expect(expected).toEqual(['start', 'start', 'queue', 'queue', 'queue', 'started r2']);
    expect(await kinds(store)).toEqual(expected);
  });

  it('holds the limits when many processes admit at once: exactly maxConcurrentRuns start', async () => {
    const connections = await Promise.all([connect('f2:'), connect('f2:'), connect('f2:')]);
    const stores = connections.map((c) => new RedisFleetStore<number>(c, DEFAULT_FLEET_POLICY));
    const limits = { ...DEFAULT_FLEET_LIMITS, maxConcurrentRuns: 3 };
    const admissions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]!.admit('acme/shop', i, limits, 1_000 + i)),
    );
    expect(admissions.filter((a) => a.kind === 'start')).toHaveLength(3);
    const positions = admissions.flatMap((a) => (a.kind === 'queue' ? [a.position] : []));
    expect(positions.sort((x, y) => x - y)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    // Two processes draining at once start each queued request once.
    await Promise.all([stores[0]!.finish('acme/shop', 2_000), stores[1]!.finish('acme/shop', 2_000)]);
    const started = (await Promise.all([stores[0]!.startQueued(2_001), stores[2]!.startQueued(2_001)])).flat();
    expect(started.map((s) => s.queued.request)).toHaveLength(2);
    expect(new Set(started.map((s) => s.queued.request)).size).toBe(2);
    const state = await stores[1]!.snapshot('acme/shop');
    expect(state.leases).toHaveLength(3);
    expect(state.queue).toHaveLength(25);
  });
});

describe.runIf(haveRedis)('RedisRateLimiter', () => {
  it('waits exactly as the in-memory token bucket does', async () => {
    const bucket = { capacity: 3, refillPerSecond: 2 };
    const waits: number[] = [];
    let now = 5_000;
    const limiter = new RedisRateLimiter(await connect(), 'write', bucket, {
      now: () => now,
      sleep: async () => {},
      onWait: (_key, ms) => waits.push(ms),
    });
    const expected: number[] = [];
    let state: BucketState | undefined;
    for (const step of [0, 0, 0, 0, 100, 900, 0, 0, 0, 3000, 0]) {
      now += step;
      await limiter.acquire('installation-1');
      const next = reserveTokens(state, bucket, now);
      state = next.state;
      if (next.waitMs > 0) expected.push(next.waitMs);
    }
    expect(waits).toEqual(expected);
    expect(waits.length).toBeGreaterThan(2);
  });

  it('is one bucket per key across processes: the burst is shared, other installations never wait', async () => {
    const bucket = { capacity: 4, refillPerSecond: 1 };
    const waited: string[] = [];
    const options = { now: () => 10_000, sleep: async () => {}, onWait: (key: string) => void waited.push(key) };
    const a = new RedisRateLimiter(await connect('r2:'), 'write', bucket, options);
    const b = new RedisRateLimiter(await connect('r2:'), 'write', bucket, options);
    await Promise.all([a.acquire('installation-1'), b.acquire('installation-1'), a.acquire('installation-1')]);
    await b.acquire('installation-1');
    expect(waited).toEqual([]);
    await a.acquire('installation-2');
    await b.acquire('installation-1');
    expect(waited).toEqual(['installation-1']);
  });
});

describe.runIf(haveRedis)('createRedisAppState', () => {
  it('keeps a liveness key while it runs and removes it on close', async () => {
    const state = await createRedisAppState({
      url: redis.url,
      policy: DEFAULT_FLEET_POLICY,
      log: quiet,
      prefix: 's1:',
    });
    const probe = await connect('s1:');
    expect(await probe.client.exists(`s1:process:${state.processId}`)).toBe(1);
    await state.check();
    await state.close();
    expect(await probe.client.exists(`s1:process:${state.processId}`)).toBe(0);
  });

  it('fails readiness while Redis is away, and recovers', async () => {
    const state = await createRedisAppState({
      url: redis.url,
      policy: DEFAULT_FLEET_POLICY,
      log: quiet,
      prefix: 's2:',
    });
    try {
      await redis.stop();
      await expect(state.check()).rejects.toSatisfy(isStateUnavailable);
      await expect(state.deliveries.claim('x')).rejects.toSatisfy(isStateUnavailable);
      await redis.start();
      let ready = false;
      for (let i = 0; i < 300 && !ready; i++) {
        ready = await state.check().then(
          () => true,
          () => false,
        );
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(ready).toBe(true);
    } finally {
      await state.close();
    }
  });

  it('refuses an unreachable or malformed REDIS_URL with one line naming it', async () => {
    const error = await createRedisAppState({
      url: 'redis://:hunter2@127.0.0.1:1',
      policy: DEFAULT_FLEET_POLICY,
      log: quiet,
    }).catch((e: unknown) => e);
    expect(isGreenlightError(error, 'usage')).toBe(true);
    expect((error as Error).message).toMatch(/^REDIS_URL redis:\/\/:\*\*\*@127\.0\.0\.1:1: cannot reach Redis \(/);
    expect((error as Error).message).not.toContain('hunter2');
    const malformed = await createRedisAppState({
      url: 'localhost:6379',
      policy: DEFAULT_FLEET_POLICY,
      log: quiet,
    }).catch((e: unknown) => e);
    expect((malformed as Error).message).toBe("REDIS_URL must be a redis:// or rediss:// URL, got 'localhost:6379'.");
  });
});
