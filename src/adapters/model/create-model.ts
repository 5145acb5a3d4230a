/**
 * Builds the Model that `model` in .github/greenlight.yml asks for. The one place
 * that reads model-related environment variables, so entrypoints do not each wire
 * providers by hand.
 */
import type { RepoConfig } from '../../core/config/repo-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { Model } from '../../ports/model.ts';
import { createAnthropicModel } from './anthropic-model.ts';
import { createOpenAICompatibleModel, DEFAULT_OPENAI_BASE_URL } from './openai-compatible-model.ts';

export type ModelEnv = Readonly<Record<string, string | undefined>>;

export interface CreateModelOverrides {
  fetch?: typeof fetch;
  maxRetries?: number;
  timeoutMs?: number;
}

/**
 * anthropic: ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN); model.baseUrl, else
 * ANTHROPIC_BASE_URL, else the public API. With neither key nor token the SDK's own
 * credential lookup (profiles, workload identity) applies; when it finds nothing the
 * first request fails with a ModelError 'auth' that says to set ANTHROPIC_API_KEY.
 *
 * openai-compatible: model.baseUrl, else OPENAI_BASE_URL, else Ollama on localhost;
 * OPENAI_API_KEY when the server wants one.
 *
 * bedrock / vertex: refused with a config error until their SDK packages ship.
 */
export function createModel(
  config: Pick<RepoConfig['model'], 'provider' | 'name' | 'baseUrl'>,
  env: ModelEnv,
  overrides: CreateModelOverrides = {},
): Model {
  const nonEmpty = (name: string): string | undefined =>
    env[name] === undefined || env[name] === '' ? undefined : env[name];
  switch (config.provider) {
    case 'anthropic': {
      const apiKey = nonEmpty('ANTHROPIC_API_KEY');
      const authToken = nonEmpty('ANTHROPIC_AUTH_TOKEN');
      const baseURL = config.baseUrl ?? nonEmpty('ANTHROPIC_BASE_URL');
      return createAnthropicModel({
        model: config.name,
        ...(apiKey === undefined ? {} : { apiKey }),
        ...(authToken === undefined ? {} : { authToken }),
        ...(baseURL === undefined ? {} : { baseURL }),
        ...overrides,
      });
    }
    case 'openai-compatible': {
      const apiKey = nonEmpty('OPENAI_API_KEY');
      return createOpenAICompatibleModel({
        model: config.name,
        baseURL: config.baseUrl ?? nonEmpty('OPENAI_BASE_URL') ?? DEFAULT_OPENAI_BASE_URL,
        ...(apiKey === undefined ? {} : { apiKey }),
        ...overrides,
      });
    }
    case 'bedrock':
    case 'vertex':
      throw new GreenlightError(
        'config-invalid',
        `model.provider "${config.provider}" is not available yet: greenlight does not ship @anthropic-ai/${config.provider}-sdk. ` +
          'Use provider "anthropic" (optionally with model.baseUrl pointing at a gateway) or "openai-compatible".',
      );
  }
}
