/**
 * The Model port over an OpenAI-compatible /chat/completions endpoint, for local
 * models (Ollama, vLLM, llama.cpp) and gateways. Plain fetch, no SDK: requests are
 * not streamed (local servers answer in one piece), each attempt has a timeout, and
 * 408/409/429/5xx and connection failures are retried with backoff, honouring
 * retry-after(-ms).
 */
import type { Model, ModelRequest, ModelResponse } from '../../ports/model.ts';
import { ModelError } from '../../ports/model-error.ts';
import { toChatCompletionRequest } from './openai-request.ts';
import { fromChatCompletion } from './openai-response.ts';

export interface OpenAICompatibleModelOptions {
  model: string;
  /** Endpoint root including /v1, e.g. http://localhost:11434/v1 (Ollama) or http://vllm:8000/v1. */
  baseURL: string;
  /** Sent as a bearer token when set (vLLM --api-key, gateways). */
  apiKey?: string;
  /** Per attempt, including reading the answer. Default 10 minutes. */
  timeoutMs?: number;
  /** Default 2. */
  maxRetries?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export const DEFAULT_OPENAI_BASE_URL = 'http://localhost:11434/v1';
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const CONTEXT_TOO_LONG =
  /context (length|window)|maximum context|too many tokens|prompt is too long|exceeds? (the )?(max|context)/i;

/**
 * @example createOpenAICompatibleModel({ model: 'qwen2.5-coder:32b', baseURL: 'http://localhost:11434/v1' })
 */
export function createOpenAICompatibleModel(options: OpenAICompatibleModelOptions): Model {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? 2;
  const url = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  let calls = 0;
  const nextCallId = () => `call_${(calls += 1)}`;

  return {
    provider: 'openai-compatible',
    modelId: options.model,
    async complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse> {
      const body = JSON.stringify(toChatCompletionRequest(request, options.model));
      const started = now();
      for (let attempt = 0; ; attempt += 1) {
        const outcome = await attemptOnce(body, signal);
        if (outcome.kind === 'ok') {
          return fromChatCompletion(outcome.json, {
            model: options.model,
            durationMs: now() - started,
            requestChars: body.length,
            nextCallId,
          });
        }
        if (!outcome.retryable || attempt >= maxRetries) {
          throw outcome.error(attempt);
        }
        await sleep(outcome.delayMs ?? backoff(attempt), signal);
      }
    },
  };

  async function attemptOnce(body: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.apiKey !== undefined && options.apiKey !== '') headers['authorization'] = `Bearer ${options.apiKey}`;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, { method: 'POST', headers, body, signal: combined });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted === true) {
        return fail(
          false,
          () =>
            new ModelError(
              'aborted',
              'The model request was cancelled (a budget or the wall-clock limit stopped the run).',
              { cause: error },
            ),
        );
      }
      if (timeout.aborted) {
        return fail(
          true,
          (retries) =>
            new ModelError(
              'timeout',
              `The model server at ${options.baseURL} did not answer within ${Math.round(timeoutMs / 1000)} s${after(retries)}.`,
              { cause: error },
            ),
        );
      }
      return fail(
        true,
        (retries) =>
          new ModelError(
            'other',
            `Could not reach the model server at ${options.baseURL}${after(retries)}: ${causeText(error)}. Is the server (Ollama, vLLM) running, and is model.baseUrl right?`,
            { cause: error },
          ),
      );
    }
    if (response.ok) {
      try {
        return { kind: 'ok', json: JSON.parse(text) as unknown };
      } catch (error) {
        return fail(
          false,
          () =>
            new ModelError(
              'bad-response',
              `The model server at ${options.baseURL} answered with something that is not JSON: ${JSON.stringify(text.slice(0, 120))}.`,
              { cause: error },
            ),
        );
      }
    }
    return fromStatus(response, text);
  }

  function fromStatus(response: Response, text: string): Attempt {
    const status = response.status;
    const detail = errorDetail(text);
    const delayMs = retryAfter(response.headers);
    const make = (code: ConstructorParameters<typeof ModelError>[0], message: string) => (retries: number) =>
      new ModelError(code, message.replace('{retries}', after(retries)), { status });
    if (status === 401 || status === 403) {
      return fail(
        false,
        make(
          'auth',
          `The model server rejected the credentials (${status}: ${detail}). Set OPENAI_API_KEY to the key the server expects.`,
        ),
      );
    }
    if (status === 404) {
      return fail(
        false,
        make(
          'model-not-found',
          `The model server does not know the model "${options.model}" (404: ${detail}). For Ollama run \`ollama pull ${options.model}\`; otherwise set model.name to a model the server serves.`,
        ),
      );
    }
    if ((status === 400 || status === 413 || status === 422) && (status === 413 || CONTEXT_TOO_LONG.test(detail))) {
      return fail(
        false,
        make(
          'context-too-long',
          `The prompt is too long for ${options.model} (${status}: ${detail}). Lower context.maxTokens in .github/greenlight.yml or serve the model with a longer context.`,
        ),
      );
    }
    if (status === 429) {
      return {
        ...fail(true, make('rate-limited', `The model server kept rate-limiting requests (429: ${detail}){retries}.`)),
        delayMs,
      };
    }
    if (status === 503 || status === 529) {
      return {
        ...fail(
          true,
          make('overloaded', `The model server is overloaded (${status}: ${detail}){retries}. Try again later.`),
        ),
        delayMs,
      };
    }
    if (status === 408 || status === 504) {
      return { ...fail(true, make('timeout', `The model server timed out (${status}: ${detail}){retries}.`)), delayMs };
    }
    if (status >= 500 || status === 409) {
      return { ...fail(true, make('other', `The model server failed (${status}: ${detail}){retries}.`)), delayMs };
    }
    return fail(false, make('other', `The model server rejected the request (${status}: ${detail}).`));
  }

  function after(retries: number): string {
    return retries > 0 ? ` after ${retries} retries` : '';
  }
}

type Attempt =
  | { kind: 'ok'; json: unknown }
  | { kind: 'error'; retryable: boolean; error: (retries: number) => ModelError; delayMs?: number | undefined };

function fail(retryable: boolean, error: (retries: number) => ModelError): Attempt & { kind: 'error' } {
  return { kind: 'error', retryable, error };
}

function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const error = body.error;
    if (typeof error === 'string') return error;
    if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
    if (typeof body.message === 'string') return body.message;
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.trim().slice(0, 300) || 'no details';
}

function retryAfter(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms > 0) return Math.min(ms, 60_000);
  const seconds = Number.parseFloat(headers.get('retry-after') ?? '');
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds * 1000, 60_000);
  return undefined;
}

function backoff(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 8_000) * (1 - Math.random() * 0.25);
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause === undefined || cause === error.message ? error.message : `${error.message} (${cause})`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new ModelError('aborted', 'The model request was cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelError('aborted', 'The model request was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
