/**
 * The Octokit class the App gives Probot. Probot's default client throttles with
 * Octokit's plugin keyed by `throttle.id`, but the client it builds for each webhook
 * (`context.octokit`) never sets that id: every installation shares ONE write limiter
 * (1 write/s, 1 notifying write per 3 s), so a burst of labels across 100
 * installations is served one write at a time (DESIGN.md "Performance model").
 *
 * This class sets `throttle.id` to the installation of every client, app-level or
 * per event, and replaces the plugin's `write` and `notifications` limiters with token
 * buckets (burst, then pace) keyed by that id. Rate-limit answers are retried once
 * when the wait is short; a longer wait fails the delivery, which the App's
 * redelivery loop retries later, instead of holding a webhook answer hostage.
 */
import { ProbotOctokit } from 'probot';
import type { TokenBucket } from '../core/fleet/token-bucket.ts';
import { KeyedRateLimiter } from './keyed-rate-limiter.ts';

export interface InstallationOctokitOptions {
  /** false in tests: no client-side throttling at all. */
  throttle: false | {
    /** Writes (POST/PATCH/PUT/DELETE, GraphQL) per installation. Default: burst 30, 1/s. */
    write?: TokenBucket;
    /** Writes that notify people (comments, issues, PRs) per installation. Default: burst 10, 1 per 3 s. */
    notifications?: TokenBucket;
    /** Longest rate-limit wait retried inside a delivery, in seconds; default 5. */
    maxRetryAfterSeconds?: number;
    /** Replace the limiters (tests observe their keys). */
    limiters?: { write: KeyedRateLimiter; notifications: KeyedRateLimiter };
  };
  /** Retries of 5xx / network failures; default 2 (false: none). */
  retries?: number | false;
}

export const DEFAULT_WRITE_BUCKET: TokenBucket = { capacity: 30, refillPerSecond: 1 };
export const DEFAULT_NOTIFICATION_BUCKET: TokenBucket = { capacity: 10, refillPerSecond: 1 / 3 };

type LimitHandler = (retryAfter: number, options: { method: string; url: string }, octokit: { log: { warn(message: string): void } }, retryCount: number) => boolean;

/** The `throttle.id` of a client: its installation, or `app` for the JWT client. */
export function throttleKey(options: { auth?: unknown }): string {
  const installationId = (options.auth as { installationId?: unknown } | undefined)?.installationId;
  return typeof installationId === 'number' || typeof installationId === 'string' ? `installation-${installationId}` : 'app';
}

export function createInstallationOctokit(options: InstallationOctokitOptions): typeof ProbotOctokit {
  const retry = options.retries === false
    ? { enabled: false }
    : { enabled: true, retries: options.retries ?? 2, retryAfterBaseValue: 250 };
  if (options.throttle === false) {
    return ProbotOctokit.defaults((instance: Record<string, unknown>) => ({ ...instance, retry, throttle: { enabled: false } }));
  }
  const throttle = options.throttle;
  const limiters = throttle.limiters ?? {
    write: new KeyedRateLimiter(throttle.write ?? DEFAULT_WRITE_BUCKET),
    notifications: new KeyedRateLimiter(throttle.notifications ?? DEFAULT_NOTIFICATION_BUCKET),
  };
  const maxWait = throttle.maxRetryAfterSeconds ?? 5;
  const onLimit = (kind: string): LimitHandler => (retryAfter, request, octokit, retryCount) => {
    const retrying = retryCount < 1 && retryAfter <= maxWait;
    octokit.log.warn(`GitHub ${kind} on ${request.method} ${request.url}; ${retrying ? `retrying in ${retryAfter}s` : 'not retrying inside this delivery'}`);
    return retrying;
  };
  return ProbotOctokit.defaults((instance: Record<string, unknown>) => ({
    ...instance,
    retry,
    throttle: {
      ...(instance.throttle as object | undefined),
      enabled: true,
      id: throttleKey(instance),
      write: limiters.write,
      notifications: limiters.notifications,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  }));
}
