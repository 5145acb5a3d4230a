import { describe, expect, it } from 'vitest';
import { appIdentityLoader, identityFromSlug } from '../../src/app/app-identity.ts';
import type { GitHubClient } from '../../src/adapters/github/create-octokit.ts';

function client(answers: (() => unknown)[]): { octokit: GitHubClient; calls: () => number } {
  let calls = 0;
  const octokit = {
    rest: { apps: { getAuthenticated: async () => ({ data: answers[calls++]?.() }) } },
  } as unknown as GitHubClient;
  return { octokit, calls: () => calls };
}

describe('appIdentityLoader', () => {
  it('reads GET /app once and caches it', async () => {
    const { octokit, calls } = client([() => ({ id: 7, slug: 'greenlight-acme', name: 'greenlight acme' })]);
    const load = appIdentityLoader(async () => octokit);
    expect(await load()).toEqual(identityFromSlug(7, 'greenlight-acme'));
    expect(await load()).toEqual({ id: 7, slug: 'greenlight-acme', botLogin: 'greenlight-acme[bot]' });
    expect(calls()).toBe(1);
  });

  it('tries again after a failure', async () => {
    const { octokit, calls } = client([
      () => {
        throw new Error('boom');
      },
      () => ({ id: 7, slug: 'gl', name: 'gl' }),
    ]);
    const load = appIdentityLoader(async () => octokit);
    await expect(load()).rejects.toThrow('boom');
    expect((await load()).botLogin).toBe('gl[bot]');
    expect(calls()).toBe(2);
  });
});
