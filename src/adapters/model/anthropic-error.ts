/**
 * SDK errors → ModelError with a message that says what to do. The SDK has already
 * retried what is retryable (429, 529, 5xx, connection errors) when these arrive.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AnthropicError,
} from '@anthropic-ai/sdk';
import { ModelError } from '../../ports/model-error.ts';
import { StreamIdleTimeoutError } from './idle-timeout-fetch.ts';

/** How errors name the service and say what to do about credentials; the Anthropic API's by default. */
export interface ServiceWording {
  /** Mid-sentence name: "the Anthropic API", "Amazon Bedrock". */
  name: string;
  /** What to do when credentials are missing or rejected, as a sentence. */
  credentials: string;
  /** The variable that points greenlight at another endpoint. */
  endpointVariable: string;
  /** Recognizes the message of a credential lookup that found nothing (it arrives as a connection error). */
  credentialLookupFailed?: RegExp;
}

export const ANTHROPIC_WORDING: ServiceWording = {
  name: 'the Anthropic API',
  credentials: 'Set ANTHROPIC_API_KEY to a valid API key.',
  endpointVariable: 'ANTHROPIC_BASE_URL',
};

export interface AnthropicErrorContext {
  model: string;
  /** Default: the Anthropic API's. */
  service?: ServiceWording;
  /** Base URL in use, shown when the endpoint itself may be the problem. */
  baseURL: string;
  maxRetries: number;
  timeoutMs: number;
  /** The caller's signal fired. */
  aborted: boolean;
}

const CONTEXT_TOO_LONG =
  /prompt is too long|context (window|length)|too many (input )?tokens|exceeds? the (model's )?(maximum|context)/i;

/** Maps anything the SDK or the stream threw to a ModelError. */
export function toAnthropicModelError(error: unknown, context: AnthropicErrorContext): ModelError {
  if (error instanceof ModelError) {
    return error;
  }
  const service = context.service ?? ANTHROPIC_WORDING;
  const Name = capitalized(service.name);
  const idle = findCause(error, StreamIdleTimeoutError);
  if (idle !== undefined) {
    return new ModelError(
      'timeout',
      `${Name} stopped sending data for ${Math.round(idle.idleMs / 1000)} s in the middle of a response. The run can be retried; if it keeps happening, check the network path to ${context.baseURL}.`,
      { cause: error },
    );
  }
  if (context.aborted || error instanceof APIUserAbortError) {
    return new ModelError(
      'aborted',
      'The model request was cancelled (a budget or the wall-clock limit stopped the run).',
      { cause: error },
    );
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelError(
      'timeout',
      `${Name} did not answer within ${Math.round(context.timeoutMs / 1000)} s${retried(context)}. Try again later, or raise the model timeout.`,
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    if (service.credentialLookupFailed?.test(error.message) === true) {
      return new ModelError(
        'auth',
        `No credentials for ${service.name}: ${causeMessage(error)}. ${service.credentials}`,
        {
          cause: error,
        },
      );
    }
    return new ModelError(
      'other',
      `Could not reach ${service.name} at ${context.baseURL}${retried(context)}: ${causeMessage(error)}. Check the network, proxy settings and ${service.endpointVariable}.`,
      { cause: error },
    );
  }
  if (error instanceof APIError) {
    return fromApiError(error, context, service);
  }
  if (error instanceof AnthropicError) {
    if (/authentication method|apiKey|authToken|credential/i.test(error.message)) {
      return new ModelError(
        'auth',
        service === ANTHROPIC_WORDING
          ? `No Anthropic credentials were found: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) in the environment. (${error.message})`
          : `No credentials for ${service.name} were found (${error.message}). ${service.credentials}`,
        { cause: error },
      );
    }
    if (/stream ended|request ended without sending|stream has ended/i.test(error.message)) {
      return interrupted(error, service.name);
    }
    if (error.cause instanceof SyntaxError || /JSON|Unexpected event order/i.test(error.message)) {
      return new ModelError(
        'bad-response',
        `${Name} sent a response greenlight cannot read (${error.message}). If you use a proxy (${service.endpointVariable}), check that it passes server-sent events through unchanged.`,
        { cause: error },
      );
    }
    if (error.cause !== undefined) {
      // Lower-level failures while reading the body (socket reset, "terminated").
      return interrupted(error, service.name);
    }
    return new ModelError('other', `Anthropic SDK error: ${error.message}`, { cause: error });
  }
  if (error instanceof SyntaxError) {
    return new ModelError('bad-response', `${Name} sent malformed data (${error.message}).`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('other', `Unexpected error while calling ${service.name}: ${message}`, { cause: error });
}

function fromApiError(error: APIError, context: AnthropicErrorContext, service: ServiceWording): ModelError {
  const Name = capitalized(service.name);
  const status = error.status;
  const detail = error.apiMessage ?? error.message;
  const options = status === undefined ? { cause: error } : { cause: error, status };
  if (status === undefined) {
    // An `event: error` inside an otherwise successful stream: not retried by the SDK.
    if (error.type === 'overloaded_error') {
      return new ModelError(
        'overloaded',
        `${Name} was overloaded and stopped in the middle of a response (${detail}). Try again in a few minutes.`,
        options,
      );
    }
    if (error.type === 'rate_limit_error') {
      return new ModelError(
        'rate-limited',
        `${Name} rate limit stopped a response midway (${detail}). Wait, or lower the number of concurrent runs.`,
        options,
      );
    }
    return new ModelError(
      'stream-interrupted',
      `${Name} reported an error in the middle of a response (${detail}). The run can be retried.`,
      options,
    );
  }
  if (status === 401) {
    return new ModelError(
      'auth',
      `${Name} rejected the credentials (401: ${detail}). Set ANTHROPIC_API_KEY to a valid API key.`,
      options,
    );
  }
  if (status === 403) {
    return new ModelError(
      'auth',
      service === ANTHROPIC_WORDING
        ? `The API key may not use this model or endpoint (403: ${detail}). Check the key's workspace and permissions, or set ANTHROPIC_API_KEY to another key.`
        : `The credentials may not use this model or endpoint of ${service.name} (403: ${detail}). ${service.credentials}`,
      options,
    );
  }
  if (status === 404) {
    return new ModelError(
      'model-not-found',
      `${Name} does not know the model "${context.model}" (404: ${detail}). Set model.name in .github/greenlight.yml to a model id ${service === ANTHROPIC_WORDING ? 'your key can use (for example claude-sonnet-4-6)' : `that ${service.name} serves in this region`}.`,
      options,
    );
  }
  if (status === 413 || ((status === 400 || status === 422) && CONTEXT_TOO_LONG.test(detail))) {
    return new ModelError(
      'context-too-long',
      `The prompt is too long for ${context.model} (${status}: ${detail}). Lower context.maxTokens in .github/greenlight.yml or narrow the task.`,
      options,
    );
  }
  if (status === 429) {
    return new ModelError(
      'rate-limited',
      `${Name} kept rate-limiting requests (429: ${detail})${retried(context)}. Wait, or lower the number of concurrent runs (fleet.maxConcurrentRuns).`,
      options,
    );
  }
  if (status === 529 || error.type === 'overloaded_error') {
    return new ModelError(
      'overloaded',
      `${Name} was overloaded (${status}: ${detail})${retried(context)}. Try again in a few minutes.`,
      options,
    );
  }
  if (status === 408 || status === 504) {
    return new ModelError(
      'timeout',
      `The request to ${service.name} timed out (${status}: ${detail})${retried(context)}. Try again later.`,
      options,
    );
  }
  if (status >= 500) {
    return new ModelError(
      'other',
      `${Name} failed (${status}: ${detail})${retried(context)}. Try again later.`,
      options,
    );
  }
  return new ModelError('other', `${Name} rejected the request (${status}: ${detail}).`, options);
}

function interrupted(error: Error, name: string): ModelError {
  return new ModelError(
    'stream-interrupted',
    `The response stream from ${name} ended before the message was complete (${causeMessage(error)}). The run can be retried.`,
    { cause: error },
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function retried(context: AnthropicErrorContext): string {
  return context.maxRetries > 0 ? ` after ${context.maxRetries} retries` : '';
}

function causeMessage(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '' && cause.message !== error.message) {
    return `${error.message}: ${cause.message}`;
  }
  return error.message;
}

function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof type) {
      return current;
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
