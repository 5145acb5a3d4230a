/**
 * Refuse a job before any work when the configured provider cannot authenticate:
 * finding out after the baseline test run wastes the user's time. And refuse a cloud
 * credentials file that lies inside the checkout: the tests greenlight runs there, and
 * the code the model writes, could read it (google-github-actions/auth writes its file
 * into the workspace by default).
 */
import { relative, resolve, sep } from 'node:path';
import type { RepoConfig } from '../core/config/repo-config.ts';
import { GreenlightError } from '../ports/errors.ts';
import { ModelError } from '../ports/model-error.ts';

/** Variables that name a file holding a provider's credentials. */
const CREDENTIAL_FILES: Partial<Record<RepoConfig['model']['provider'], readonly string[]>> = {
  bedrock: ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE'],
  vertex: ['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE', 'GOOGLE_GHA_CREDS_PATH'],
};

/**
 * Throws ModelError('auth') when provider `anthropic` has no key, token or profile in
 * `env`, and GreenlightError('config-invalid') when a credentials file of the provider
 * is inside `workspaceRoot`.
 */
export function checkModelCredentials(
  config: Pick<RepoConfig['model'], 'provider'>,
  env: Readonly<Record<string, string | undefined>>,
  workspaceRoot?: string,
): void {
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  if (workspaceRoot !== undefined) {
    for (const name of CREDENTIAL_FILES[config.provider] ?? []) {
      const path = env[name];
      if (path === undefined || path.trim() === '') continue;
      const inside = relative(resolve(workspaceRoot), resolve(workspaceRoot, path));
      if (inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !inside.startsWith(sep))) {
        throw new GreenlightError(
          'config-invalid',
          `${name} names a credentials file inside the checkout (${inside}): the tests greenlight runs there could read it. ` +
            'Move it out before greenlight runs, for example to $RUNNER_TEMP, and point the variable at the new place (README "Claude on Amazon Bedrock and Google Vertex AI").',
        );
      }
    }
  }
  if (config.provider !== 'anthropic') return;
  if (set('ANTHROPIC_API_KEY') || set('ANTHROPIC_AUTH_TOKEN') || set('ANTHROPIC_PROFILE')) return;
  throw new ModelError(
    'auth',
    'ANTHROPIC_API_KEY is not set: greenlight needs it to call the Anthropic API. ' +
      'Export your key (export ANTHROPIC_API_KEY=sk-ant-…), or set model.provider in .github/greenlight.yml to another provider.',
  );
}
