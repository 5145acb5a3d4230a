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
});
