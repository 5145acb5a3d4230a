/**
 * At-most-once processing of webhook deliveries (docs/security.md §24), as every state store
 * keeps it: a delivery id (`X-GitHub-Delivery`, which a redelivery keeps) is claimed
 * before its handler runs, marked done when the handler succeeded, and released when
 * it failed, so that GitHub's (or the App's own) redelivery of it is processed.
 *
 * A claim answers:
 * - `new`: nobody has it; the caller now holds it and must `complete` or `release` it;
 * - `done`: it was handled; the copy is dropped (answered 200);
 * - `busy`: a live process (this one or another) is handling it right now; the copy is
 *   answered 503, so that GitHub records a failed attempt instead of a success that
 *   the first attempt might still turn into a failure (docs/architecture.md, "Running
 *   several App processes").
 *
 * In memory (`DeliveryLog`) for one process, in Redis (`RedisDeliveryLedger`) across
 * processes.
 */
export type DeliveryClaim = 'new' | 'done' | 'busy';

export interface DeliveryLedger {
  /** Claims `id`; throws `StateUnavailableError` when the store cannot be reached. */
  claim(id: string): Promise<DeliveryClaim>;
  /** The handler of a claimed id succeeded. Never throws: a failed write is retried later. */
  complete(id: string): Promise<void>;
  /** The handler of a claimed id failed: a redelivery may try again. Never throws. */
  release(id: string): Promise<void>;
}
