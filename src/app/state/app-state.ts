/**
 * Everything an App process remembers between deliveries, behind one interface so
 * that the embedded default (memory, one process) and the shared store (Redis, any
 * number of processes behind a load balancer) are interchangeable:
 *
 * | state | why it is kept |
 * | --- | --- |
 * | `deliveries` | each delivery id is processed once (docs/security.md §24) |
 * | `fleet` | the per-repository fleet limits and the queue of waiting requests |
 * | `limiter(name, bucket)` | per-installation pacing of API writes |
 *
 * See docs/architecture.md, "Running several App processes".
 */
import type { FleetStore } from '../../core/fleet/fleet-store.ts';
import type { TokenBucket } from '../token-bucket.ts';
import type { RunRequest } from '../run-request.ts';
import type { DeliveryLedger } from './delivery-ledger.ts';
import type { RateLimiter } from './rate-limiter.ts';

export interface AppState {
  readonly kind: 'memory' | 'redis';
  readonly deliveries: DeliveryLedger;
  readonly fleet: FleetStore<RunRequest>;
  /** The limiter named `name` (`write`, `notifications`) with `bucket` per key. */
  limiter(name: string, bucket: TokenBucket): RateLimiter;
  /** Resolves when the store answers now; throws StateUnavailableError otherwise (readiness). */
  check(): Promise<void>;
  /** What a shutdown leaves behind that another process will not pick up (logged). */
  leftBehind(): Promise<string | null>;
  close(): Promise<void>;
}
