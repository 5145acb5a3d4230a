/**
 * State shared through Redis by every App process (REDIS_URL): deliveries, the fleet
 * and the rate limiters all live there, so two replicas behind a load balancer
 * dispatch a delivery once, enforce one set of fleet limits and pace one installation
 * together.
 *
 * Each process keeps a liveness key (`<prefix>process:<id>`) alive with a heartbeat;
 * when a process is killed its key expires, and deliveries it had claimed but not
 * finished may be taken over by another process when GitHub redelivers them. The
 * heartbeat also retries delivery writes that failed while Redis was away.
 */
import { randomUUID } from 'node:crypto';
import type { FleetPolicy } from '../../core/fleet/admit-run.ts';
import type { TokenBucket } from '../token-bucket.ts';
import type { AppLog } from '../app-log.ts';
import type { RunRequest } from '../run-request.ts';
import type { AppState } from './app-state.ts';
import { connectRedis, type RedisConnection } from './redis-connection.ts';
import { RedisDeliveryLedger } from './redis-delivery-ledger.ts';
import { RedisFleetStore } from './redis-fleet-store.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

export interface RedisAppStateOptions {
  url: string;
  policy: FleetPolicy;
  log: AppLog;
  /** How long a silent process counts as alive; default 15 s (heartbeat every third of it). */
  livenessMs?: number;
  prefix?: string;
}

export interface RedisAppState extends AppState {
  readonly processId: string;
  readonly redis: RedisConnection;
  readonly fleet: RedisFleetStore<RunRequest>;
}

export async function createRedisAppState(options: RedisAppStateOptions): Promise<RedisAppState> {
  const redis = await connectRedis(
    options.url,
    options.log,
    options.prefix === undefined ? {} : { prefix: options.prefix },
  );
  const processId = randomUUID();
  const livenessMs = options.livenessMs ?? 15_000;
  const livenessKey = `${redis.prefix}process:${processId}`;
  const deliveries = new RedisDeliveryLedger(redis, { processId });
  const beat = async () => {
    await redis.run('renewing the process liveness key', (c) => c.set(livenessKey, '1', 'PX', livenessMs));
    await deliveries.flush();
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch(() => {
      // Logged by the connection when it drops; readiness reports it.
    });
  }, livenessMs / 3);
  timer.unref();
  return {
    kind: 'redis',
    processId,
    redis,
    deliveries,
    fleet: new RedisFleetStore<RunRequest>(redis, options.policy),
    limiter: (name: string, bucket: TokenBucket) => new RedisRateLimiter(redis, name, bucket),
    check: async () => {
      await redis.run('answering a ping', (c) => c.ping());
    },
    async leftBehind() {
      await deliveries.flush();
      return deliveries.deferred === 0
        ? null
        : `${deliveries.deferred} delivery record${deliveries.deferred === 1 ? '' : 's'} could not be written to Redis`;
    },
    async close() {
      clearInterval(timer);
      await redis.run('removing the process liveness key', (c) => c.del(livenessKey)).catch(() => undefined);
      await redis.close();
    },
  };
}
