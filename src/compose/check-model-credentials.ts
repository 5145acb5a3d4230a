/**
 * Refuse a job before any work when the configured provider cannot authenticate:
 * finding out after the baseline test run wastes the user's time.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import { ModelError } from '../ports/model-error.ts';

/** Throws ModelError('auth') when provider `anthropic` has no key, token or profile in `env`. */
export function checkModelCredentials(
  config: Pick<RepoConfig['model'], 'provider'>,
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (config.provider !== 'anthropic') return;
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  if (set('ANTHROPIC_API_KEY') || set('ANTHROPIC_AUTH_TOKEN') || set('ANTHROPIC_PROFILE')) return;
  throw new ModelError(
    'auth',
    'ANTHROPIC_API_KEY is not set: greenlight needs it to call the Anthropic API. ' +
      'Export your key (export ANTHROPIC_API_KEY=sk-ant-…), or set model.provider in .github/greenlight.yml to another provider.',
  );
}
