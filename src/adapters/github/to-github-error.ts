/**
 * Turns an Octokit failure into `GreenlightError('github', …)` whose message says what
 * greenlight was doing, GitHub's status and message, and what the user can do about
 * it: above all which token permission is missing, because a 403 "Resource not
 * accessible by integration" says nothing about that.
 */
import { GreenlightError } from '../../ports/errors.ts';

interface HttpLikeError {
  status?: unknown;
  message?: unknown;
  response?: { data?: unknown; headers?: Record<string, unknown> };
}

function detail(error: HttpLikeError): string {
  const data = error.response?.data;
  if (data !== null && typeof data === 'object') {
    const { message, errors } = data as { message?: unknown; errors?: unknown };
    const parts = typeof message === 'string' ? [message] : [];
    if (Array.isArray(errors)) {
      for (const item of errors.slice(0, 3)) {
        if (typeof item === 'string') parts.push(item);
        else if (item !== null && typeof item === 'object') {
          const { message: m, field, code } = item as { message?: unknown; field?: unknown; code?: unknown };
          // GitHub's own sentence when there is one, else e.g. "name already_exists".
          parts.push(typeof m === 'string' ? m : [field, code].filter((p) => typeof p === 'string').join(' '));
        }
      }
    }
    if (parts.length > 0) return parts.join('; ');
  }
  return typeof error.message === 'string' ? error.message : String(error);
}

function isRateLimited(error: HttpLikeError, status: number): boolean {
  if (status === 429) return true;
  return (
    status === 403 && (error.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(detail(error)))
  );
}

/**
 * @param action what greenlight tried, as a verb phrase ("create the check run")
 * @param permission the token permission the call needs ("checks: write")
 */
export function toGithubError(error: unknown, action: string, permission: string): GreenlightError {
  if (error instanceof GreenlightError) return error;
  const http = (error ?? {}) as HttpLikeError;
  const status = typeof http.status === 'number' ? http.status : null;
  const why = detail(http);
  const fail = (message: string) => new GreenlightError('github', message, { cause: error });
  // Octokit reports a failed connection as a 500 without a response.
  if (status === null || (status === 500 && http.response === undefined)) {
    return fail(
      `Could not reach GitHub to ${action}: ${why}. Check the API URL (GITHUB_API_URL on GitHub Enterprise Server) and the network.`,
    );
  }
  if (status === 401) {
    return fail(
      `GitHub rejected the token when greenlight tried to ${action} (HTTP 401: ${why}). Check that the token is set and has not expired.`,
    );
  }
  if (isRateLimited(http, status)) {
    const reset = Number(http.response?.headers?.['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : '';
    return fail(
      `GitHub's rate limit stopped greenlight from trying to ${action} (HTTP ${status}: ${why}).${when} Try again later, or use a token with its own limit (a GitHub App installation).`,
    );
  }
  if (status === 403) {
    return fail(
      `GitHub refused to let greenlight ${action} (HTTP 403: ${why}). The token needs the "${permission}" permission: add it to the workflow's or job's \`permissions:\`, or to the GitHub App's permissions.`,
    );
  }
  if (status === 404) {
    return fail(
      `GitHub found nothing when greenlight tried to ${action} (HTTP 404: ${why}). Check that it exists and that the token can see the repository (it needs "${permission}").`,
    );
  }
  if (status === 422 || status === 409) {
    return fail(`GitHub did not accept the request to ${action} (HTTP ${status}: ${why}).`);
  }
  if (status >= 500) {
    return fail(
      `GitHub failed while greenlight tried to ${action} (HTTP ${status}: ${why}), even after retries. Try again later; https://www.githubstatus.com shows incidents.`,
    );
  }
  return fail(`GitHub answered HTTP ${status} when greenlight tried to ${action}: ${why}.`);
}
