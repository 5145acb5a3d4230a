/**
 * The Octokit class the App gives Probot. Probot's default client throttles with
 * Octokit's plugin keyed by `throttle.id`, but the client it builds for each webhook
 * (`context.octokit`) never sets that id: every installation shares ONE write limiter
 * (1 write/s, 1 notifying write per 3 s), so a burst of labels across 100
 * installations is served one write at a time (docs/security.md §25).
 *
 * This class turns Probot's throttling and retry plugins off and paces and retries
 * with the App's own request policy (request-policy.ts), keyed by the installation of
 * each client — the per-event client, and `app.auth(id)` clients alike.
 */
import { ProbotOctokit } from 'probot';
import type { TokenBucket } from './token-bucket.ts';
import { KeyedRateLimiter } from './keyed-rate-limiter.ts';
import { requestPolicyPlugin } from './request-policy.ts';
import type { RateLimiter } from './state/rate-limiter.ts';

export { throttleKey } from './request-policy.ts';

export interface InstallationOctokitOptions {
  /** false in tests: no client-side pacing at all. */
  throttle:
    | false
    | {
        /** Writes (POST/PATCH/PUT/DELETE, GraphQL) per installation. Default: burst 30, then 1/s. */
        write?: TokenBucket;
        /** Writes that notify people (comments, issues, PRs) per installation. Default: burst 10, then 1 per 3 s. */
        notifications?: TokenBucket;
        /** Replace the limiters: shared ones (Redis), or ones tests observe. */
        limiters?: { write: RateLimiter; notifications: RateLimiter };
      };
  /** Retries of 5xx / network failures of non-POST requests; default 2 (false: none). */
  retries?: number | false;
  /** Longest rate-limit wait retried inside a request, in seconds; default 5. */
  maxRetryAfterSeconds?: number;
}

export const DEFAULT_WRITE_BUCKET: TokenBucket = { capacity: 30, refillPerSecond: 1 };
export const DEFAULT_NOTIFICATION_BUCKET: TokenBucket = { capacity: 10, refillPerSecond: 1 / 3 };

export function createInstallationOctokit(options: InstallationOctokitOptions): typeof ProbotOctokit {
  const throttle = options.throttle;
  const limiters =
    throttle === false
      ? null
      : (throttle.limiters ?? {
          write: new KeyedRateLimiter(throttle.write ?? DEFAULT_WRITE_BUCKET),
          notifications: new KeyedRateLimiter(throttle.notifications ?? DEFAULT_NOTIFICATION_BUCKET),
        });
  const policy = requestPolicyPlugin({
    limiters,
    retries: options.retries === false ? 0 : (options.retries ?? 2),
    retryBaseMs: 250,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 5,
  });
  // The function form: Probot's own defaults would override a plain object's `throttle`.
  return ProbotOctokit.plugin(policy).defaults((instance: Record<string, unknown>) => ({
    ...instance,
    throttle: { enabled: false },
    retry: { enabled: false },
  }));
}
