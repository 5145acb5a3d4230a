/**
 * The Octokit the Action (and the CLI) use: `@octokit/rest` with retries of transient
 * failures (5xx, network) and throttling that waits out GitHub's rate limits instead of
 * failing a run that has already spent model money. Works against GitHub Enterprise
 * Server through `baseUrl` (`https://ghe.example.com/api/v3`); GraphQL then goes to
 * `/api/graphql` on the same host.
 *
 * The App does not use this: Probot builds one Octokit per installation, and its
 * throttling must be per installation (docs/security.md §25).
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { VERSION } from '../../version.ts';

/**
 * What the Forge adapter uses of an Octokit: the REST methods, pagination and GraphQL.
 * Narrow on purpose, so that Probot's per-installation client fits too.
 */
export type GitHubClient = Pick<InstanceType<typeof Octokit>, 'rest' | 'paginate' | 'graphql' | 'request'>;

export interface CreateOctokitOptions {
  token: string;
  /** REST API root; default `https://api.github.com`. */
  baseUrl?: string;
  /** Retries of 5xx and network failures; default 3. */
  retries?: number;
  /** Base of the retry back-off (`base × retry²`) and of rate-limit waits, in ms; default 1000. */
  retryAfterBaseMs?: number;
  /** Client-side throttling and rate-limit waits; default on. */
  throttle?: boolean;
  /** Longest rate-limit wait worth waiting for, in seconds; default 60. Longer: fail with a clear error. */
  maxRateLimitWaitSeconds?: number;
  /** Where warnings about waits go; default: the console. */
  log?: { warn(message: string): void };
}

const ThrottledOctokit = Octokit.plugin(retry, throttling);

export function createOctokit(options: CreateOctokitOptions): InstanceType<typeof Octokit> {
  const base = options.retryAfterBaseMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const warn = (message: string) => (options.log ?? console).warn(message);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= 2 || retryAfter > maxWait) return false;
      warn(`GitHub ${kind} hit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
      return true;
    };
  return new ThrottledOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: `greenlight/${VERSION}`,
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: base },
    throttle: {
      enabled: options.throttle ?? true,
      retryAfterBaseValue: base,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    // @octokit/rest logs every failed request at `error`, expected 404s included; the
    // failure reaches the caller as a GreenlightError, which is reported once, there.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
  });
}
