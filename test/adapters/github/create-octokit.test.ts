import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src/adapters/github/create-octokit.ts';
import { OctokitForge } from '../../../src/adapters/github/octokit-forge.ts';
import { VERSION } from '../../../src/version.ts';

const API = 'https://api.github.com';
const repo = { owner: 'acme', repo: 'shop' };
const issue = { number: 3, title: 't', body: 'b', state: 'open', user: { login: 'alice' }, labels: [], html_url: 'u' };

function quiet() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (message: string) => warnings.push(message) } };
}

describe('createOctokit', () => {
  it('authenticates with the token and identifies greenlight', async () => {
    nock(API, {
      reqheaders: { authorization: 'token s3cret', 'user-agent': (v) => (v ?? '').startsWith(`greenlight/${VERSION}`) },
    })
      .get('/repos/acme/shop')
      .reply(200, { default_branch: 'main' });
    const octokit = createOctokit({ token: 's3cret', throttle: false });
    expect((await octokit.rest.repos.get(repo)).data.default_branch).toBe('main');
  });

  it('talks to a GHES base URL (a trailing slash is fine)', async () => {
    nock('https://ghe.example.com/api/v3').get('/repos/acme/shop').reply(200, { default_branch: 'main' });
    const octokit = createOctokit({ token: 't', baseUrl: 'https://ghe.example.com/api/v3/', throttle: false });
    expect((await octokit.rest.repos.get(repo)).data.default_branch).toBe('main');
  });

  it('retries a transient server error', async () => {
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .reply(502, { message: 'Bad Gateway' })
      .get('/repos/acme/shop/issues/3')
      .reply(200, issue);
    const forge = new OctokitForge(createOctokit({ token: 't', throttle: false, retryAfterBaseMs: 1 }), repo);
    expect((await forge.getIssue(3)).number).toBe(3);
  });

  it('retries a dropped connection', async () => {
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .replyWithError('socket hang up')
      .get('/repos/acme/shop/issues/3')
      .reply(200, issue);
    const forge = new OctokitForge(createOctokit({ token: 't', throttle: false, retryAfterBaseMs: 1 }), repo);
    expect((await forge.getIssue(3)).number).toBe(3);
  });

  it('gives up after the configured retries', async () => {
    nock(API).get('/repos/acme/shop/issues/3').times(3).reply(503, { message: 'Unavailable' });
    const forge = new OctokitForge(
      createOctokit({ token: 't', throttle: false, retries: 2, retryAfterBaseMs: 1 }),
      repo,
    );
    await expect(forge.getIssue(3)).rejects.toThrow('(HTTP 503: Unavailable), even after retries');
  });

  it('does not retry a client error', async () => {
    nock(API).get('/repos/acme/shop/issues/3').once().reply(404, { message: 'Not Found' });
    const forge = new OctokitForge(createOctokit({ token: 't', throttle: false, retryAfterBaseMs: 1 }), repo);
    await expect(forge.getIssue(3)).rejects.toThrow('HTTP 404');
  });

  it('waits out a primary rate limit that resets soon', async () => {
    const { warnings, log } = quiet();
    const reset = String(Math.floor(Date.now() / 1000));
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
      .get('/repos/acme/shop/issues/3')
      .reply(200, issue);
    const forge = new OctokitForge(createOctokit({ token: 't', retryAfterBaseMs: 1, log }), repo);
    expect((await forge.getIssue(3)).number).toBe(3);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^GitHub rate limit hit on GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}; retrying in \d+s$/,
      ),
    ]);
  });

  it('waits out a secondary rate limit', async () => {
    const { warnings, log } = quiet();
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .reply(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '2' })
      .get('/repos/acme/shop/issues/3')
      .reply(200, issue);
    const forge = new OctokitForge(createOctokit({ token: 't', retryAfterBaseMs: 1, log }), repo);
    expect((await forge.getIssue(3)).number).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('secondary rate limit hit');
  });

  it('fails clearly instead of waiting for a limit that resets too late', async () => {
    const { warnings, log } = quiet();
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .once()
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    const forge = new OctokitForge(
      createOctokit({ token: 't', retryAfterBaseMs: 1, maxRateLimitWaitSeconds: 60, log }),
      repo,
    );
    await expect(forge.getIssue(3)).rejects.toThrow(
      "GitHub's rate limit stopped greenlight from trying to read issue #3",
    );
    expect(warnings).toEqual([]);
  });
});
