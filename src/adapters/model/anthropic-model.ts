/**
 * The Model port on Anthropic's Messages API, streamed. Retries (429, 529, 5xx,
 * connection errors) and the response-header timeout are the SDK's own; this adapter
 * adds a watchdog for streams that stall after the headers, and typed errors.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Model, ModelRequest, ModelResponse } from '../../ports/model.ts';
import { toAnthropicParams } from './anthropic-params.ts';
import { fromAnthropicMessage } from './anthropic-message.ts';
import { toAnthropicModelError, type ServiceWording } from './anthropic-error.ts';
import { idleTimeoutFetch } from './idle-timeout-fetch.ts';

/**
 * The part of an Anthropic client the adapter uses. AnthropicBedrock and
 * AnthropicVertex (@anthropic-ai/bedrock-sdk, @anthropic-ai/vertex-sdk) have it too.
 */
export interface MessagesClient {
  readonly baseURL: string;
  readonly messages: {
    stream(
      params: Anthropic.MessageStreamParams,
      options?: { signal?: AbortSignal },
    ): { finalMessage(): Promise<Anthropic.Message> };
  };
}

export interface AnthropicModelOptions {
  /** Model id sent to the API, e.g. "claude-sonnet-4-5". */
  model: string;
  /** Unset: the SDK's conventions apply (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, profiles). */
  apiKey?: string;
  /** A bearer token instead of an API key (ANTHROPIC_AUTH_TOKEN). */
  authToken?: string;
  /** Unset: ANTHROPIC_BASE_URL, then the public API. */
  baseURL?: string;
  /** Wait for response headers, per attempt. SDK default (10 min) when unset. */
  timeoutMs?: number;
  /** Abort a stream that sends nothing for this long. Default 5 minutes. */
  streamIdleTimeoutMs?: number;
  /** SDK retries for 408/409/429/5xx/529 and connection errors. Default 2. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** A ready client (e.g. AnthropicBedrock, AnthropicVertex); the options above are then ignored. */
  client?: MessagesClient;
  /**
   * Builds the client on the first request instead (once): the Bedrock and Vertex
   * clients are imported only by the runs that use them (docs/distribution.md "Start-up").
   */
  loadClient?: () => Promise<MessagesClient>;
  /** How errors name the service and its credentials; the Anthropic API's by default. */
  service?: ServiceWording;
  /** Reported as `Model.provider`. Default "anthropic". */
  provider?: string;
  /** Clock for `durationMs`; injectable for tests. */
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_IDLE_MS = 5 * 60 * 1000;
const DEFAULT_MAX_RETRIES = 2;

/**
 * Creates the Anthropic Model.
 *
 * @example
 * const model = createAnthropicModel({ model: 'claude-sonnet-4-5', apiKey: env.ANTHROPIC_API_KEY });
 * // the engine decides where the cache breakpoints go; this adapter only translates them
 * const response = await model.complete(placeCacheBreakpoints({ system, tools, messages, maxOutputTokens: 16_000 }));
 */
export function createAnthropicModel(options: AnthropicModelOptions): Model {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetch = idleTimeoutFetch(options.fetch ?? globalThis.fetch, options.streamIdleTimeoutMs ?? DEFAULT_IDLE_MS);
  let client: MessagesClient | undefined =
    options.client ??
    (options.loadClient !== undefined
      ? undefined
      : new Anthropic({
          // `undefined` lets the SDK read its environment variables itself.
          ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
          ...(options.apiKey === undefined && options.authToken !== undefined ? { authToken: options.authToken } : {}),
          ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
          timeout: timeoutMs,
          maxRetries,
          fetch,
        }));
  let loading: Promise<MessagesClient> | undefined;
  const getClient = async (): Promise<MessagesClient> => {
    if (client !== undefined) return client;
    loading ??= (options.loadClient as () => Promise<MessagesClient>)();
    client = await loading;
    return client;
  };
  const now = options.now ?? Date.now;
  const modelId = options.model;

  return {
    provider: options.provider ?? 'anthropic',
    modelId,
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const started = now();
      try {
        const params = toAnthropicParams(request, modelId);
        const stream = (await getClient()).messages.stream(params, signal === undefined ? {} : { signal });
        const message = await stream.finalMessage();
        return fromAnthropicMessage(message, now() - started);
      } catch (error) {
        throw toAnthropicModelError(error, {
          model: modelId,
          baseURL: client?.baseURL ?? options.baseURL ?? '(no client)',
          maxRetries,
          timeoutMs,
          aborted: signal?.aborted === true,
          ...(options.service === undefined ? {} : { service: options.service }),
        });
      }
    },
  };
}
