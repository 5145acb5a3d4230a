import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { rateLimitWait, requestPolicyPlugin } from '../../src/app/request-policy.ts';
import { API } from './harness.ts';

const NOW = Date.parse('2025-03-04T12:00:00Z');

function client(sleeps: number[]) {
  const Client = ProbotOctokit.plugin(
    requestPolicyPlugin({
      limiters: null,
      retries: 2,
      retryBaseMs: 100,
      maxRetryAfterSeconds: 5,
      sleep: async (ms) => void sleeps.push(ms),
    }),
  ).defaults((instance: Record<string, unknown>) => ({
    ...instance,
    throttle: { enabled: false },
    retry: { enabled: false },
  }));
  return new Client({ auth: { token: 't' } } as never);
}

describe('rateLimitWait', () => {
  it.each([
    [
      {
        status: 403,
        response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3) } },
      },
      4,
    ],
    [
      {
        status: 403,
        message: 'You have exceeded a secondary rate limit',
        response: { headers: { 'retry-after': '30' } },
      },
      30,
    ],
    [{ status: 403, message: 'You have exceeded a secondary rate limit', response: { headers: {} } }, 60],
    [{ status: 429, response: { headers: { 'retry-after': '2' } } }, 2],
    [
      {
        status: 403,
        message: 'Resource not accessible by integration',
        response: { headers: { 'x-ratelimit-remaining': '4000' } },
      },
      null,
    ],
    [{ status: 500 }, null],
  ])('%j → %s', (error, wait) => {
    expect(rateLimitWait(error, NOW)).toBe(wait);
  });
});

describe("the App's request policy", () => {
  it('retries a GET that failed with a 5xx, with a short back-off', async () => {
    const sleeps: number[] = [];
    nock(API)
      .get('/repos/a/b')
      .reply(502, { message: 'Bad Gateway' })
      .get('/repos/a/b')
      .reply(503, {})
      .get('/repos/a/b')
      .reply(200, { default_branch: 'main' });
    const { data } = await client(sleeps).rest.repos.get({ owner: 'a', repo: 'b' });
    expect(data.default_branch).toBe('main');
    expect(sleeps).toEqual([100, 400]);
  });

  it("never repeats a POST behind GitHub's back", async () => {
    nock(API).post('/repos/a/b/issues/1/comments').reply(502, { message: 'Bad Gateway' });
    await expect(
      client([]).rest.issues.createComment({ owner: 'a', repo: 'b', issue_number: 1, body: 'x' }),
    ).rejects.toMatchObject({ status: 502 });
  });

  it('does not retry what will not get better (404, 422)', async () => {
    nock(API).get('/repos/a/b').reply(404, { message: 'Not Found' });
    await expect(client([]).rest.repos.get({ owner: 'a', repo: 'b' })).rejects.toMatchObject({ status: 404 });
  });

  it('waits out a short rate limit once, even for a POST', async () => {
    const sleeps: number[] = [];
    nock(API)
      .post('/repos/a/b/issues/1/comments')
      .reply(429, { message: 'slow down' }, { 'retry-after': '2' })
      .post('/repos/a/b/issues/1/comments')
      .reply(201, { id: 1 });
    await client(sleeps).rest.issues.createComment({ owner: 'a', repo: 'b', issue_number: 1, body: 'x' });
    expect(sleeps).toEqual([2000]);
  });

  it('fails at once on a long rate limit: the delivery fails and is redelivered later', async () => {
    const sleeps: number[] = [];
    nock(API)
      .get('/repos/a/b')
      .reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '60' });
    await expect(client(sleeps).rest.repos.get({ owner: 'a', repo: 'b' })).rejects.toMatchObject({ status: 403 });
    expect(sleeps).toEqual([]);
  });
});
