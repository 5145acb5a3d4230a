/**
 * Claude on Google Vertex AI: the Anthropic SDK's Vertex client (`@anthropic-ai/vertex-sdk`)
 * behind the same Model port and request mapping as the Anthropic API, so prompt caching
 * and the text editor tool are sent the same way. Google credentials come from
 * Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, as
 * google-github-actions/auth sets it, or the runner's metadata server); the OAuth token
 * is fetched and refreshed by google-auth-library. Imported on the first model call, so
 * runs on other providers never load it (docs/distribution.md "Start-up").
 */
import type { Model } from '../../ports/model.ts';
import type { ServiceWording } from './anthropic-error.ts';
import { createAnthropicModel } from './anthropic-model.ts';
import { idleTimeoutFetch } from './idle-timeout-fetch.ts';

export interface VertexModelOptions {
  /** A Vertex model id, e.g. "claude-sonnet-4-5@20250929". */
  model: string;
  /** A Vertex location: "us-east5", "europe-west1", "global"… */
  region: string;
  /** Default: the project of the credentials. */
  projectId?: string;
  /** A credentials file (service account or workload identity federation); default: Application Default Credentials. */
  keyFilename?: string;
  /** Default: https://<region>-aiplatform.googleapis.com/v1. */
  baseURL?: string;
  timeoutMs?: number;
  streamIdleTimeoutMs?: number;
  maxRetries?: number;
  fetch?: typeof fetch;
}

export const VERTEX_WORDING: ServiceWording = {
  name: 'Google Vertex AI',
  credentials:
    "Give the job Google credentials allowed to use Claude on Vertex AI (roles/aiplatform.user): GOOGLE_APPLICATION_CREDENTIALS, as google-github-actions/auth sets it, or the runner's service account.",
  endpointVariable: 'ANTHROPIC_VERTEX_BASE_URL',
  credentialLookupFailed: /Failed to acquire Google OAuth credentials/,
};

const DEFAULT_IDLE_MS = 5 * 60 * 1000;
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * @example
 * const model = createVertexModel({ model: 'claude-sonnet-4-5@20250929', region: 'us-east5',
 *   keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS });
 */
export function createVertexModel(options: VertexModelOptions): Model {
  const maxRetries = options.maxRetries ?? 2;
  return createAnthropicModel({
    model: options.model,
    provider: 'vertex',
    service: VERTEX_WORDING,
    maxRetries,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    loadClient: async () => {
      const [{ AnthropicVertex }, { GoogleAuth }] = await Promise.all([
        import('@anthropic-ai/vertex-sdk'),
        import('google-auth-library'),
      ]);
      return new AnthropicVertex({
        region: options.region,
        projectId: options.projectId ?? null,
        googleAuth: new GoogleAuth({
          scopes: CLOUD_PLATFORM,
          ...(options.keyFilename === undefined ? {} : { keyFilename: options.keyFilename }),
        }),
        // Always explicit: the SDK would read ANTHROPIC_VERTEX_BASE_URL from the process otherwise.
        baseURL: options.baseURL ?? defaultVertexURL(options.region),
        maxRetries,
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
        fetch: idleTimeoutFetch(options.fetch ?? globalThis.fetch, options.streamIdleTimeoutMs ?? DEFAULT_IDLE_MS),
      });
    },
  });
}

/** The Vertex endpoint of a location, as Google documents it (global and multi-region ones have their own hosts). */
export function defaultVertexURL(region: string): string {
  if (region === 'global') return 'https://aiplatform.googleapis.com/v1';
  if (region === 'us' || region === 'eu') return `https://aiplatform.${region}.rep.googleapis.com/v1`;
  return `https://${region}-aiplatform.googleapis.com/v1`;
}
