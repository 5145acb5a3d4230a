// The Forge calls of the runs after a pull request opens — CI repair (workflow runs,
// jobs, job logs) and review threads (review comments, replies) — against nock.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src/adapters/github/create-octokit.ts';
import { OctokitForge } from '../../../src/adapters/github/octokit-forge.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const API = 'https://api.github.com';
const LOGS = 'https://productionresultssa0.blob.core.windows.net';
const TOKEN = 'ghs_followupToken0123456789';

function forge(): OctokitForge {
  return new OctokitForge(createOctokit({ token: TOKEN, retries: 0, throttle: false }), {
    owner: 'acme',
    repo: 'shop',
  });
}

describe('OctokitForge: CI runs', () => {
  it('reads a workflow run', async () => {
    nock(API)
      .get('/repos/acme/shop/actions/runs/900')
      .reply(200, {
        id: 900,
        name: 'CI',
        path: '.github/workflows/ci.yml@refs/heads/main',
        head_sha: 'a'.repeat(40),
        head_repository: { full_name: 'acme/shop' },
        status: 'completed',
        conclusion: 'failure',
        html_url: 'https://github.com/acme/shop/actions/runs/900',
        pull_requests: [{ number: 7 }, { number: 9 }],
      });
    expect(await forge().getWorkflowRun(900)).toEqual({
      id: 900,
      name: 'CI',
      path: '.github/workflows/ci.yml',
      headSha: 'a'.repeat(40),
      headRepoFullName: 'acme/shop',
      status: 'completed',
      conclusion: 'failure',
      htmlUrl: 'https://github.com/acme/shop/actions/runs/900',
      pullRequests: [7, 9],
    });
  });

  it("lists the jobs of the run's latest attempt, page by page, with their steps", async () => {
    const job = (id: number, conclusion: string) => ({
      id,
      name: `job ${id}`,
      conclusion,
      html_url: `https://github.com/acme/shop/actions/runs/900/job/${id}`,
      steps: [{ number: 1, name: 'Run npm test', conclusion, status: 'completed' }],
    });
    nock(API)
      .get('/repos/acme/shop/actions/runs/900/jobs')
      .query({ filter: 'latest', per_page: '100' })
      .reply(
        200,
        { total_count: 2, jobs: [job(1, 'failure')] },
        {
          link: '<https://api.github.com/repos/acme/shop/actions/runs/900/jobs?filter=latest&per_page=100&page=2>; rel="next"',
        },
      )
      .get('/repos/acme/shop/actions/runs/900/jobs')
      .query({ filter: 'latest', per_page: '100', page: '2' })
      .reply(200, { total_count: 2, jobs: [job(2, 'success')] });
    expect(await forge().listWorkflowRunJobs(900)).toEqual([
      {
        id: 1,
        name: 'job 1',
        conclusion: 'failure',
        htmlUrl: 'https://github.com/acme/shop/actions/runs/900/job/1',
        steps: [{ number: 1, name: 'Run npm test', conclusion: 'failure' }],
      },
      {
        id: 2,
        name: 'job 2',
        conclusion: 'success',
        htmlUrl: 'https://github.com/acme/shop/actions/runs/900/job/2',
        steps: [{ number: 1, name: 'Run npm test', conclusion: 'success' }],
      },
    ]);
  });

  it('follows the log redirect by hand: the signed URL gets no token', async () => {
    const signed = '/actions-results/job-31.txt?sig=abc&se=2025-06-30';
    nock(API)
      .get('/repos/acme/shop/actions/jobs/31/logs')
      .matchHeader('authorization', `token ${TOKEN}`)
      .reply(302, '', { location: `${LOGS}${signed}` });
    nock(LOGS, { badheaders: ['authorization'] })
      .get(signed)
      .reply(200, '2025-06-30T10:00:00.0Z ##[group]Run npm test\n2025-06-30T10:00:01.0Z ##[error]boom\n', {
        'content-type': 'text/plain',
      });
    expect(await forge().readJobLog(31, 1_000_000)).toEqual({
      text: '2025-06-30T10:00:00.0Z ##[group]Run npm test\n2025-06-30T10:00:01.0Z ##[error]boom\n',
      truncated: false,
    });
  });

  it('keeps only the end of a long log, from a line start', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
    nock(API)
      .get('/repos/acme/shop/actions/jobs/32/logs')
      .reply(302, '', { location: `${LOGS}/job-32.txt` });
    nock(LOGS).get('/job-32.txt').reply(200, lines);
    const log = await forge().readJobLog(32, 1_000);
    expect(log.truncated).toBe(true);
    expect(log.text.length).toBeLessThanOrEqual(1_000);
    expect(log.text.split('\n')[0]).toMatch(/^line \d+$/);
    expect(log.text.endsWith('line 19999')).toBe(true);
  });

  it('says which permission is missing, and a log URL that fails is an error naming the job', async () => {
    nock(API)
      .get('/repos/acme/shop/actions/jobs/33/logs')
      .reply(403, { message: 'Resource not accessible by integration' });
    const denied = await forge()
      .readJobLog(33, 1_000)
      .catch((e: unknown) => e);
    expect(isGreenlightError(denied, 'github')).toBe(true);
    expect(String((denied as Error).message)).toContain('actions: read');

    nock(API)
      .get('/repos/acme/shop/actions/jobs/34/logs')
      .reply(302, '', { location: `${LOGS}/gone.txt` });
    nock(LOGS).get('/gone.txt').reply(404, 'BlobNotFound');
    const gone = await forge()
      .readJobLog(34, 1_000)
      .catch((e: unknown) => e);
    expect(String((gone as Error).message)).toContain("job 34's log could not be downloaded (HTTP 404)");
  });
});

describe('OctokitForge: review comments', () => {
  it("lists one review's comments with their place in the file, oldest first", async () => {
    const comment = (id: number, extra: Record<string, unknown>) => ({
      id,
      pull_request_review_id: 31,
      path: 'src/calc.js',
      commit_id: 'a'.repeat(40),
      diff_hunk: '@@ -1,3 +1,3 @@',
      body: `comment ${id}`,
      user: { login: 'bob', type: 'User' },
      html_url: `https://github.com/acme/shop/pull/7#discussion_r${id}`,
      ...extra,
    });
    nock(API)
      .get('/repos/acme/shop/pulls/7/reviews/31/comments')
      .query({ per_page: '100' })
      .reply(200, [
        comment(12, { line: 9, start_line: 7, side: 'RIGHT', in_reply_to_id: 11 }),
        comment(11, { line: null, original_line: 4 }),
      ]);
    expect(await forge().listReviewComments(7, 31)).toEqual([
      {
        id: 11,
        reviewId: 31,
        inReplyTo: null,
        path: 'src/calc.js',
        line: null,
        startLine: null,
        side: null,
        commitId: 'a'.repeat(40),
        diffHunk: '@@ -1,3 +1,3 @@',
        body: 'comment 11',
        author: { login: 'bob', isBot: false },
        htmlUrl: 'https://github.com/acme/shop/pull/7#discussion_r11',
      },
      {
        id: 12,
        reviewId: 31,
        inReplyTo: 11,
        path: 'src/calc.js',
        line: 9,
        startLine: 7,
        side: 'RIGHT',
        commitId: 'a'.repeat(40),
        diffHunk: '@@ -1,3 +1,3 @@',
        body: 'comment 12',
        author: { login: 'bob', isBot: false },
        htmlUrl: 'https://github.com/acme/shop/pull/7#discussion_r12',
      },
    ]);
  });

  it('replies in a thread', async () => {
    nock(API)
      .post('/repos/acme/shop/pulls/7/comments/11/replies', { body: 'Done in abc.' })
      .reply(201, {
        id: 13,
        body: 'Done in abc.',
        user: { login: 'github-actions[bot]', type: 'Bot' },
        created_at: '2025-06-30T10:00:00Z',
        updated_at: '2025-06-30T10:00:00Z',
        html_url: 'https://github.com/acme/shop/pull/7#discussion_r13',
      });
    expect(await forge().replyToReviewComment(7, 11, 'Done in abc.')).toMatchObject({
      id: 13,
      author: { login: 'github-actions[bot]', isBot: true },
    });
  });
});
