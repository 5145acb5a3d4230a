/**
 * Builds the Model that `model` in .github/greenlight.yml asks for. The one place
 * that reads model-related environment variables, so entrypoints do not each wire
 * providers by hand.
 */
import type { RepoConfig } from '../../core/config/repo-config.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { Model } from '../../ports/model.ts';
import { createAnthropicModel } from './anthropic-model.ts';
import { createBedrockModel } from './bedrock-model.ts';
import { createVertexModel } from './vertex-model.ts';
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
 * bedrock: model.region, else AWS_REGION, else AWS_DEFAULT_REGION; AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) as aws-actions/configure-aws-credentials
 * exports them, else AWS_BEARER_TOKEN_BEDROCK, else the AWS default credential chain
 * (profiles, web identity, instance roles); model.baseUrl, else ANTHROPIC_BEDROCK_BASE_URL.
 *
 * vertex: model.region, else CLOUD_ML_REGION; model.project, else
 * ANTHROPIC_VERTEX_PROJECT_ID, else GOOGLE_CLOUD_PROJECT, else the credentials' project;
 * Application Default Credentials from GOOGLE_APPLICATION_CREDENTIALS (what
 * google-github-actions/auth sets) or the runner's metadata server; model.baseUrl, else
 * ANTHROPIC_VERTEX_BASE_URL.
 *
 * @throws GreenlightError('config-invalid') when bedrock or vertex has no region, or only
 *   half of a static AWS key pair is set.
 */
export function createModel(
  config: Pick<RepoConfig['model'], 'provider' | 'name' | 'baseUrl'> &
    Partial<Pick<RepoConfig['model'], 'region' | 'project'>>,
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
    case 'bedrock': {
      const region = config.region ?? nonEmpty('AWS_REGION') ?? nonEmpty('AWS_DEFAULT_REGION');
      if (region === undefined)
        throw noRegion('bedrock', 'AWS_REGION (aws-actions/configure-aws-credentials sets it from aws-region)');
      const accessKeyId = nonEmpty('AWS_ACCESS_KEY_ID');
      const secretAccessKey = nonEmpty('AWS_SECRET_ACCESS_KEY');
      if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
        throw new GreenlightError(
          'config-invalid',
          `model.provider "bedrock": ${accessKeyId === undefined ? 'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not' : 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'}. Set both (aws-actions/configure-aws-credentials does), or neither to use the AWS default credential chain.`,
        );
      }
      const sessionToken = nonEmpty('AWS_SESSION_TOKEN');
      const apiKey = nonEmpty('AWS_BEARER_TOKEN_BEDROCK');
      const baseURL = config.baseUrl ?? nonEmpty('ANTHROPIC_BEDROCK_BASE_URL');
      return createBedrockModel({
        model: config.name,
        region,
        ...(accessKeyId === undefined || secretAccessKey === undefined
          ? {}
          : {
              credentials: {
                accessKeyId,
                secretAccessKey,
                ...(sessionToken === undefined ? {} : { sessionToken }),
              },
            }),
        ...(apiKey === undefined ? {} : { apiKey }),
        ...(baseURL === undefined ? {} : { baseURL }),
        ...overrides,
      });
    }
    case 'vertex': {
      const region = config.region ?? nonEmpty('CLOUD_ML_REGION');
      if (region === undefined)
        throw noRegion('vertex', 'CLOUD_ML_REGION (a Vertex location such as us-east5 or global)');
      const projectId = config.project ?? nonEmpty('ANTHROPIC_VERTEX_PROJECT_ID') ?? nonEmpty('GOOGLE_CLOUD_PROJECT');
      const keyFilename = nonEmpty('GOOGLE_APPLICATION_CREDENTIALS');
      const baseURL = config.baseUrl ?? nonEmpty('ANTHROPIC_VERTEX_BASE_URL');
      return createVertexModel({
        model: config.name,
        region,
        ...(projectId === undefined ? {} : { projectId }),
        ...(keyFilename === undefined ? {} : { keyFilename }),
        ...(baseURL === undefined ? {} : { baseURL }),
        ...overrides,
      });
    }
  }
}

function noRegion(provider: string, variable: string): GreenlightError {
  return new GreenlightError(
    'config-invalid',
    `model.provider "${provider}" needs a region: set model.region in .github/greenlight.yml, or ${variable} in the job's environment.`,
  );
}
