/**
 * No delivery lost: GitHub does not retry a webhook delivery that failed
 * (the App was down, crashed, or answered 5xx). On start-up and on a timer the App
 * lists its recent deliveries (`GET /app/hook/deliveries`, newest first) and asks
 * GitHub to redeliver (`POST /app/hook/deliveries/{id}/attempts`) every event that:
 *
 * - was delivered within the window (default 3 hours: older events are stale requests),
 * - never got a 2xx answer in any attempt, and
 * - has not been redelivered before (by this process, or at all: an event whose
 *   redelivery failed too is left for a human to look at) — each at most once.
 *
 * The redelivery keeps the event's GUID (`X-GitHub-Delivery`), so if the original was
 * in fact processed, the delivery log drops the copy.
 */
import type { AppLog } from './app-log.ts';

export interface DeliveryItem {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
  action?: string | null;
}

/** What the App asks of GitHub's deliveries API (the JWT-authenticated client). */
export interface DeliveriesApi {
  /** One page, newest first; `cursor` from the previous page's `next`. */
  list(cursor: string | null): Promise<{ deliveries: DeliveryItem[]; next: string | null }>;
  redeliver(id: number): Promise<void>;
}

export interface RedeliveryOptions {
  windowMs: number;
  /** Pages of 100 read per pass at most. */
  maxPages: number;
  /** Redeliveries requested per pass at most (GitHub rate-limits them). */
  maxRedeliveries: number;
  now: () => number;
  log: AppLog;
}

const ok = (status: number) => status >= 200 && status < 300;

/** The deliveries to redeliver, oldest first, from a newest-first list. */
export function failedDeliveries(
  items: readonly DeliveryItem[],
  since: number,
  alreadyRedelivered: ReadonlySet<string>,
): DeliveryItem[] {
  const byGuid = new Map<string, DeliveryItem[]>();
  for (const item of items) byGuid.set(item.guid, [...(byGuid.get(item.guid) ?? []), item]);
  const failed: DeliveryItem[] = [];
  for (const [guid, attempts] of byGuid) {
    if (alreadyRedelivered.has(guid)) continue;
    if (attempts.some((a) => ok(a.status_code) || a.redelivery)) continue;
    const first = attempts[attempts.length - 1];
    if (first === undefined || Date.parse(first.delivered_at) < since) continue;
    failed.push(first);
  }
  return failed.sort((a, b) => Date.parse(a.delivered_at) - Date.parse(b.delivered_at));
}

export class Redeliverer {
  readonly #api: DeliveriesApi;
  readonly #options: RedeliveryOptions;
  /** GUIDs this process asked GitHub to redeliver (bounded by the window). */
  readonly #asked = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: Promise<number> | null = null;

  constructor(api: DeliveriesApi, options: RedeliveryOptions) {
    this.#api = api;
    this.#options = options;
  }

  /** One pass; resolves to the number of redeliveries requested. Concurrent calls share a pass. */
  run(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  start(intervalMs: number): void {
    this.stop();
    const pass = () =>
      this.run().catch((error: unknown) => this.#options.log.error({ err: error }, 'redelivery pass failed'));
    void pass();
    this.#timer = setInterval(pass, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #pass(): Promise<number> {
    const now = this.#options.now();
    const since = now - this.#options.windowMs;
    for (const [guid, at] of this.#asked) if (at < since) this.#asked.delete(guid);
    const items: DeliveryItem[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < this.#options.maxPages; page++) {
      const result = await this.#api.list(cursor);
      items.push(...result.deliveries);
      const oldest = result.deliveries[result.deliveries.length - 1];
      if (result.next === null || oldest === undefined || Date.parse(oldest.delivered_at) < since) break;
      cursor = result.next;
    }
    const failed = failedDeliveries(items, since, new Set(this.#asked.keys())).slice(0, this.#options.maxRedeliveries);
    let requested = 0;
    for (const item of failed) {
      this.#asked.set(item.guid, now);
      try {
        await this.#api.redeliver(item.id);
        requested += 1;
        this.#options.log.info(
          { guid: item.guid, delivery: item.id, event: item.event, action: item.action, status: item.status_code },
          'asked GitHub to redeliver a failed delivery',
        );
      } catch (error) {
        this.#options.log.warn({ guid: item.guid, delivery: item.id, err: error }, 'could not ask GitHub to redeliver');
      }
    }
    return requested;
  }
}

/** The deliveries API on an Octokit authenticated as the App (JWT). */
export function octokitDeliveriesApi(octokit: {
  request: (
    route: string,
    parameters?: Record<string, unknown>,
  ) => Promise<{ data: unknown; headers: Record<string, unknown> }>;
}): DeliveriesApi {
  return {
    async list(cursor) {
      const response = await octokit.request('GET /app/hook/deliveries', {
        per_page: 100,
        ...(cursor === null ? {} : { cursor }),
      });
      const link = typeof response.headers.link === 'string' ? response.headers.link : '';
      const next = /<[^>]*[?&]cursor=([^&>]+)[^>]*>;\s*rel="next"/.exec(link)?.[1] ?? null;
      return { deliveries: response.data as DeliveryItem[], next: next === null ? null : decodeURIComponent(next) };
    },
    async redeliver(id) {
      await octokit.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: id });
    },
  };
}
