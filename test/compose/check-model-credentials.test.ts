import { describe, expect, it } from 'vitest';
import { checkModelCredentials } from '../../src/compose/check-model-credentials.ts';
import { isModelError } from '../../src/ports/model-error.ts';

describe('checkModelCredentials', () => {
  it.each<[string, 'anthropic' | 'openai-compatible', Record<string, string | undefined>, boolean]>([
    ['an API key', 'anthropic', { ANTHROPIC_API_KEY: 'sk-ant-x' }, true],
    ['an auth token', 'anthropic', { ANTHROPIC_AUTH_TOKEN: 'token' }, true],
    ['a profile', 'anthropic', { ANTHROPIC_PROFILE: 'work' }, true],
    ['nothing', 'anthropic', {}, false],
    ['an empty key', 'anthropic', { ANTHROPIC_API_KEY: '  ' }, false],
    ['a key of another provider', 'anthropic', { OPENAI_API_KEY: 'sk-x' }, false],
    ['a local model without a key', 'openai-compatible', {}, true],
  ])('%s for %s: accepted %s', (_name, provider, env, accepted) => {
    let error: unknown;
    try {
      checkModelCredentials({ provider }, env);
    } catch (e) {
      error = e;
    }
    expect(error === undefined).toBe(accepted);
    if (!accepted) {
      expect(isModelError(error, 'auth')).toBe(true);
      expect((error as Error).message).toContain('ANTHROPIC_API_KEY is not set');
    }
  });

  it.each<[string, 'bedrock' | 'vertex', Record<string, string>]>([
    [
      "google-github-actions/auth's default file",
      'vertex',
      { GOOGLE_APPLICATION_CREDENTIALS: '/work/repo/gha-creds-1a2b.json' },
    ],
    ['a relative path', 'vertex', { GOOGLE_GHA_CREDS_PATH: 'gha-creds-1a2b.json' }],
    ['an AWS web identity token', 'bedrock', { AWS_WEB_IDENTITY_TOKEN_FILE: '/work/repo/.aws/token' }],
  ])('refuses %s inside the checkout, naming the variable', (_name, provider, env) => {
    expect(() => checkModelCredentials({ provider }, env, '/work/repo')).toThrow(
      new RegExp(`^${Object.keys(env)[0]} names a credentials file inside the checkout \\(`),
    );
  });

  it.each<[string, 'bedrock' | 'vertex', Record<string, string>]>([
    ['a file under RUNNER_TEMP', 'vertex', { GOOGLE_APPLICATION_CREDENTIALS: '/home/runner/work/_temp/creds.json' }],
    ['a sibling that shares the prefix', 'vertex', { GOOGLE_APPLICATION_CREDENTIALS: '/work/repo-creds.json' }],
    ['no file at all', 'bedrock', { AWS_ACCESS_KEY_ID: 'AKIA…', AWS_SECRET_ACCESS_KEY: 's' }],
  ])('accepts %s', (_name, provider, env) => {
    expect(() => checkModelCredentials({ provider }, env, '/work/repo')).not.toThrow();
  });
});
