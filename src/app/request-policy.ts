/**
 * How the App's GitHub clients pace and retry requests, as one small Octokit plugin
 * that replaces Probot's throttling and retry plugins:
 *
 * - writes (and GraphQL) take a token from the installation's write bucket, writes that
 *   notify people (comments, issues, PRs: the throttling plugin's own route list) one
 *   from its notification bucket: bursts pass, sustained rates stay under GitHub's
 *   secondary limits, and installations never wait for each other;
 * - a rate-limit answer (429, 403 with `x-ratelimit-remaining: 0` or "secondary rate
 *   limit") is retried once when the wait it asks for is short, else it fails the
 *   delivery — which GitHub shows and the App's redelivery retries later — instead of
 *   holding the webhook answer past GitHub's 10 s;
 * - 5xx and network failures of requests that are safe to repeat (everything but POST)
 *   are retried with a short back-off; a failed POST is not repeated behind GitHub's
 *   back (a comment could appear twice): the delivery fails and is redelivered.
 *
 * Probot's plugins do the same with Bottleneck queues on every request, which costs
 * more than the App's whole handler under load (bench/app.bench.ts).
 */
import { throttling } from '@octokit/plugin-throttling';
import type { RateLimiter } from './state/rate-limiter.ts';

export interface RequestPolicy {
  limiters: { write: RateLimiter; notifications: RateLimiter } | null;
  /** Retries of 5xx / network failures of non-POST requests. */
  retries: number;
  /** Back-off base: attempt n waits base × n². */
  retryBaseMs: number;
  /** Longest rate-limit wait retried inside a request, in seconds. */
  maxRetryAfterSeconds: number;
  sleep?: (ms: number) => Promise<void>;
}

interface EndpointLike {
  method: string;
  url: string;
}
interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}
interface HookedOctokit {
  hook: {
    wrap(
      name: 'request',
      wrapper: (request: (options: EndpointLike) => Promise<unknown>, options: EndpointLike) => Promise<unknown>,
    ): void;
  };
  log: { warn(message: string): void };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The client's installation (`installation-42`), or `app` for the JWT client. */
export function throttleKey(options: { auth?: unknown }): string {
  const installationId = (options.auth as { installationId?: unknown } | undefined)?.installationId;
  return typeof installationId === 'number' || typeof installationId === 'string'
    ? `installation-${installationId}`
    : 'app';
}

/** Creating installation tokens is authentication, not a write to pace. */
const isAuth = (method: string, pathname: string) =>
  method === 'POST' && /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname);

/** Seconds a rate-limit answer asks to wait, or null when it is not one. */
export function rateLimitWait(error: ErrorLike, now: number): number | null {
  const headers = error.response?.headers ?? {};
  const status = error.status;
  if (status !== 403 && status !== 429) return null;
  if (
    /secondary rate limit/i.test(error.message ?? '') ||
    (status === 429 && headers['x-ratelimit-remaining'] !== '0')
  ) {
    return Number(headers['retry-after']) || 60;
  }
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0 ? Math.max(0, Math.ceil(reset - now / 1000)) + 1 : 60;
  }
  return null;
}

const transient = (error: ErrorLike) => error.status === undefined || error.status >= 500;

export function requestPolicyPlugin(policy: RequestPolicy) {
  const sleep = policy.sleep ?? defaultSleep;
  return (octokit: unknown, options: { auth?: unknown }) => {
    const client = octokit as HookedOctokit;
    const key = throttleKey(options);
    client.hook.wrap('request', async (request, endpoint) => {
      const method = endpoint.method.toUpperCase();
      const pathname = new URL(endpoint.url, 'http://github.test').pathname;
      if (policy.limiters !== null && !isAuth(method, pathname)) {
        const graphql = pathname.startsWith('/graphql');
        if (graphql || (method !== 'GET' && method !== 'HEAD')) await policy.limiters.write.acquire(key);
        if (!graphql && method !== 'GET' && method !== 'HEAD' && throttling.triggersNotification(pathname))
          await policy.limiters.notifications.acquire(key);
      }
      let failures = 0;
      let rateLimited = false;
      for (;;) {
        try {
          return await request(endpoint);
        } catch (error) {
          const failure = error as ErrorLike;
          const wait = rateLimitWait(failure, Date.now());
          if (wait !== null) {
            if (rateLimited || wait > policy.maxRetryAfterSeconds) throw error;
            rateLimited = true;
            client.log.warn(`GitHub rate limit on ${method} ${endpoint.url}; retrying in ${wait}s`);
            await sleep(wait * 1000);
            continue;
          }
          if (method === 'POST' || !transient(failure) || failures >= policy.retries) throw error;
          failures += 1;
          await sleep(policy.retryBaseMs * failures * failures);
        }
      }
    });
    return {};
  };
}
