/**
 * The embedded default: state in this process's memory. Right for one App process; a
 * second process would count its own runs and dispatch a delivery the first one took.
 */
import type { FleetPolicy } from '../../core/fleet/admit-run.ts';
import { MemoryFleetStore } from '../../core/fleet/memory-fleet-store.ts';
import type { TokenBucket } from '../token-bucket.ts';
import { DeliveryLog } from '../delivery-log.ts';
import { KeyedRateLimiter } from '../keyed-rate-limiter.ts';
import type { RunRequest } from '../run-request.ts';
import type { AppState } from './app-state.ts';

export function createMemoryAppState(policy: FleetPolicy): AppState & { fleet: MemoryFleetStore<RunRequest> } {
  const fleet = new MemoryFleetStore<RunRequest>(policy);
  return {
    kind: 'memory',
    deliveries: new DeliveryLog(),
    fleet,
    limiter: (_name: string, bucket: TokenBucket) => new KeyedRateLimiter(bucket),
    check: async () => {},
    async leftBehind() {
      const queued = fleet.queuedCount;
      return queued === 0
        ? null
        : `${queued} queued request${queued === 1 ? ' is' : 's are'} dropped with this process's memory (set REDIS_URL to keep queues across restarts)`;
    },
    close: async () => {},
  };
}
