/**
 * Claude on Amazon Bedrock: the Anthropic SDK's Bedrock client (`@anthropic-ai/bedrock-sdk`)
 * behind the same Model port and request mapping as the Anthropic API, so prompt caching
 * and the text editor tool are sent the same way. The client signs every request with
 * SigV4 (or sends a Bedrock API key) and turns Bedrock's event stream back into the
 * Messages API's. It is imported on the first model call, so runs on other providers
 * never load the AWS code (docs/distribution.md "Start-up").
 */
import type { Model } from '../../ports/model.ts';
import type { ServiceWording } from './anthropic-error.ts';
import { createAnthropicModel } from './anthropic-model.ts';
import { idleTimeoutFetch } from './idle-timeout-fetch.ts';

export interface BedrockModelOptions {
  /** A Bedrock model id or inference profile, e.g. "us.anthropic.claude-sonnet-4-5-20250929-v1:0". */
  model: string;
  region: string;
  /** Static AWS credentials (as aws-actions/configure-aws-credentials exports them); unset: the AWS default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** A Bedrock API key (AWS_BEARER_TOKEN_BEDROCK), sent instead of a signature. */
  apiKey?: string;
  /** Default: https://bedrock-runtime.<region>.amazonaws.com. */
  baseURL?: string;
  timeoutMs?: number;
  streamIdleTimeoutMs?: number;
  maxRetries?: number;
  fetch?: typeof fetch;
}

export const BEDROCK_WORDING: ServiceWording = {
  name: 'Amazon Bedrock',
  credentials:
    'Give the job AWS credentials allowed to call bedrock:InvokeModelWithResponseStream on this model: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them, or AWS_BEARER_TOKEN_BEDROCK.',
  endpointVariable: 'ANTHROPIC_BEDROCK_BASE_URL',
  credentialLookupFailed: /Failed to resolve AWS credentials/,
};

const DEFAULT_IDLE_MS = 5 * 60 * 1000;

/**
 * @example
 * const model = createBedrockModel({ model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1',
 *   credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
 */
export function createBedrockModel(options: BedrockModelOptions): Model {
  const maxRetries = options.maxRetries ?? 2;
  return createAnthropicModel({
    model: options.model,
    provider: 'bedrock',
    service: BEDROCK_WORDING,
    maxRetries,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    loadClient: async () => {
      const { AnthropicBedrock } = await import('@anthropic-ai/bedrock-sdk');
      const common = {
        awsRegion: options.region,
        // null, never undefined: the SDK would read AWS_BEARER_TOKEN_BEDROCK itself otherwise.
        apiKey: options.apiKey ?? null,
        // Always explicit: the SDK would read ANTHROPIC_BEDROCK_BASE_URL from the process otherwise.
        baseURL: options.baseURL ?? `https://bedrock-runtime.${options.region}.amazonaws.com`,
        maxRetries,
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
        fetch: idleTimeoutFetch(options.fetch ?? globalThis.fetch, options.streamIdleTimeoutMs ?? DEFAULT_IDLE_MS),
      };
      const creds = options.credentials;
      return creds === undefined
        ? new AnthropicBedrock(common)
        : new AnthropicBedrock({
            ...common,
            awsAccessKey: creds.accessKeyId,
            awsSecretKey: creds.secretAccessKey,
            awsSessionToken: creds.sessionToken ?? null,
          });
    },
  });
}
