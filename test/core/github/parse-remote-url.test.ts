import { describe, expect, it } from 'vitest';
import { apiUrlFor, parseRemoteUrl } from '../../../src/core/github/parse-remote-url.ts';

describe('parseRemoteUrl', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'github.com'],
    ['https://github.com/acme/shop', 'github.com'],
    ['https://x-access-token:abc@github.com/acme/shop.git', 'github.com'],
    ['git@github.com:acme/shop.git', 'github.com'],
    ['ssh://git@GHE.example.com:2222/acme/shop.git', 'ghe.example.com'],
    ['git://github.com/acme/shop/', 'github.com'],
  ])('%s → acme/shop on %s', (url, host) => {
    expect(parseRemoteUrl(url)).toEqual({ host, owner: 'acme', repo: 'shop' });
  });

  it.each(['/srv/git/shop.git', '../shop', 'shop', 'https://github.com/acme'])('%s names no repository', (url) => {
    expect(parseRemoteUrl(url)).toBeNull();
  });
});

describe('apiUrlFor', () => {
  it('uses GITHUB_API_URL when set, else GitHub or the GHES host', () => {
    expect(apiUrlFor('github.com', undefined)).toBe('https://api.github.com');
    expect(apiUrlFor('ghe.example.com', '')).toBe('https://ghe.example.com/api/v3');
    expect(apiUrlFor('github.com', 'https://ghe.corp/api/v3/')).toBe('https://ghe.corp/api/v3');
  });
});
