/**
 * Proves the App's credentials before it takes a delivery: `GET /app` signed with a
 * JWT from APP_ID and the private key. A key of another App, a deleted App or an
 * unreachable GitHub stops the start with one line saying which (never setup mode);
 * the answer gives the App's identity (its bot login), so no delivery waits for it.
 */
import { GreenlightError } from '../../ports/errors.ts';
import { identityFromSlug, type AppClient, type AppIdentity } from '../app-identity.ts';

function describeFailure(error: unknown, appId: number, apiUrl: string): string {
  // Octokit reports a request that got no answer at all as status 500 without a response.
  const answered = (error as { response?: unknown }).response !== undefined;
  const status = answered ? (error as { status?: unknown }).status : undefined;
  const message = ((error as { response?: { data?: { message?: unknown } } }).response?.data?.message ??
    (error as Error).message) as string;
  if (status === 401)
    return `GitHub refused the App's credentials (401: ${message}): APP_ID ${appId} and the private key must belong to the same App, and the server's clock must be right.`;
  if (status === 404) return `GitHub at ${apiUrl} has no App with APP_ID ${appId} (404): check APP_ID and GHE_HOST.`;
  if (typeof status === 'number') return `GitHub answered ${status} to GET /app at ${apiUrl}: ${message}.`;
  // The system error (ECONNREFUSED, ENOTFOUND…) sits a few causes deep under "fetch failed".
  let detail = message;
  for (let cause: unknown = error; cause !== null && typeof cause === 'object';) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) detail = code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return `cannot reach GitHub at ${apiUrl} to check the App's credentials (${detail}): check GHE_HOST and the network (a proxy needs HTTPS_PROXY and NODE_USE_ENV_PROXY=1).`;
}

/** The App's identity from `GET /app`, or a usage error naming what is wrong. */
export async function checkCredentials(appOctokit: AppClient, appId: number, apiUrl: string): Promise<AppIdentity> {
  try {
    const { data } = await appOctokit.rest.apps.getAuthenticated();
    if (data === null || data === undefined) throw new Error('GET /app answered nothing');
    return identityFromSlug(data.id, data.slug ?? data.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  } catch (error) {
    throw new GreenlightError('usage', describeFailure(error, appId, apiUrl), { cause: error });
  }
}
