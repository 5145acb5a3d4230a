import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src/adapters/github/create-octokit.ts';
import { OctokitForge } from '../../../src/adapters/github/octokit-forge.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const API = 'https://api.github.com';
const GHES = 'https://ghe.example.com/api/v3';
const SHA = 'c'.repeat(40);

function forgeFor(baseUrl = API): OctokitForge {
  return new OctokitForge(createOctokit({ token: 'test-token', baseUrl, retries: 0, throttle: false }), {
    owner: 'acme',
    repo: 'shop',
  });
}

const user = (login: string, type = 'User') => ({ login, type });
const pr = (overrides: Record<string, unknown> = {}) => ({
  number: 5,
  node_id: 'PR_node5',
  title: 'Add tests',
  body: null,
  state: 'open',
  merged: false,
  draft: true,
  user: user('greenlight[bot]', 'Bot'),
  labels: [{ name: 'greenlight' }, { name: 'risk:low' }],
  html_url: 'https://github.com/acme/shop/pull/5',
  head: { sha: SHA, ref: 'greenlight/issue-3-tests', repo: { full_name: 'acme/shop' } },
  base: { sha: 'd'.repeat(40), ref: 'main' },
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isGreenlightError(error, 'github')).toBe(true);
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('OctokitForge: reading', () => {
  it.each([
    [
      { permission: 'admin', role_name: 'admin' },
      { permission: 'admin', roleName: 'admin' },
    ],
    [
      { permission: 'write', role_name: 'maintain' },
      { permission: 'write', roleName: 'maintain' },
    ],
    [
      { permission: 'read', role_name: 'triage' },
      { permission: 'read', roleName: 'triage' },
    ],
    [
      { permission: 'write', role_name: 'release-manager' },
      { permission: 'write', roleName: 'release-manager' },
    ],
    [{ permission: 'write' }, { permission: 'write', roleName: 'write' }], // older GHES: no role_name
  ])('maps the collaborator permission %j', async (answer, expected) => {
    nock(API)
      .get('/repos/acme/shop/collaborators/alice/permission')
      .reply(200, { ...answer, user: user('alice') });
    expect(await forgeFor().getPermission('alice')).toEqual(expected);
  });

  it('treats an unknown user (404) as no permission', async () => {
    nock(API).get('/repos/acme/shop/collaborators/renovate%5Bbot%5D/permission').reply(404, { message: 'Not Found' });
    expect(await forgeFor().getPermission('renovate[bot]')).toEqual({ permission: 'none', roleName: 'none' });
  });

  it('reads the default branch once and caches it', async () => {
    nock(API).get('/repos/acme/shop').once().reply(200, { default_branch: 'trunk' });
    const forge = forgeFor();
    expect(await forge.getDefaultBranch()).toBe('trunk');
    expect(await forge.getDefaultBranch()).toBe('trunk');
  });

  it('reads a file from the default branch only', async () => {
    nock(API)
      .get('/repos/acme/shop')
      .reply(200, { default_branch: 'trunk' })
      .get('/repos/acme/shop/contents/.github%2Fgreenlight.yml')
      .query({ ref: 'trunk' })
      .reply(200, {
        type: 'file',
        encoding: 'base64',
        size: 12,
        sha: 'blob1',
        content: Buffer.from('budgets: {}\n').toString('base64'),
      });
    expect(await forgeFor().getFileOnDefaultBranch('.github/greenlight.yml')).toEqual({
      path: '.github/greenlight.yml',
      content: 'budgets: {}\n',
      sha: 'blob1',
      ref: 'trunk',
    });
  });

  it('returns null for a missing file and refuses a directory', async () => {
    nock(API)
      .get('/repos/acme/shop')
      .reply(200, { default_branch: 'main' })
      .get('/repos/acme/shop/contents/CODEOWNERS')
      .query({ ref: 'main' })
      .reply(404, { message: 'Not Found' })
      .get('/repos/acme/shop/contents/docs')
      .query({ ref: 'main' })
      .reply(200, [{ type: 'file', name: 'a.md' }]);
    const forge = forgeFor();
    expect(await forge.getFileOnDefaultBranch('CODEOWNERS')).toBeNull();
    expect((await failure(forge.getFileOnDefaultBranch('docs'))).message).toBe(
      'docs on main is a directory, not a file. Replace it with a regular file.',
    );
  });

  it('maps an issue', async () => {
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .reply(200, {
        number: 3,
        title: 'Test parseDate',
        body: null,
        state: 'open',
        user: user('alice'),
        labels: [{ name: 'ai-generate' }, 'legacy-string-label'],
        html_url: 'https://github.com/acme/shop/issues/3',
      });
    expect(await forgeFor().getIssue(3)).toEqual({
      number: 3,
      title: 'Test parseDate',
      body: '',
      state: 'open',
      author: { login: 'alice', isBot: false },
      labels: ['ai-generate', 'legacy-string-label'],
      isPullRequest: false,
      htmlUrl: 'https://github.com/acme/shop/issues/3',
    });
  });

  it.each([
    ['a same-repository branch', { full_name: 'Acme/Shop' }, false],
    ['a fork', { full_name: 'mallory/shop' }, true],
    ['a deleted fork', null, true],
  ])('maps a pull request from %s', async (_name, headRepo, isFork) => {
    nock(API)
      .get('/repos/acme/shop/pulls/5')
      .reply(200, pr({ head: { sha: SHA, ref: 'x', repo: headRepo } }));
    const info = await forgeFor().getPullRequest(5);
    expect(info).toMatchObject({
      number: 5,
      nodeId: 'PR_node5',
      headSha: SHA,
      isFork,
      draft: true,
      merged: false,
      baseRef: 'main',
      labels: ['greenlight', 'risk:low'],
    });
    expect(info.author).toEqual({ login: 'greenlight[bot]', isBot: true });
  });

  it('maps who was asked to review a pull request', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/5')
      .reply(200, pr({ requested_reviewers: [user('bob'), null], requested_teams: [{ slug: 'dba' }] }));
    expect(await forgeFor().getPullRequest(5)).toMatchObject({ requestedReviewers: ['bob'], requestedTeams: ['dba'] });
  });

  it('lists the commits of a pull request, with the accounts GitHub linked (or none), page by page', async () => {
    const commit = (sha: string, author: unknown, committer: unknown, name: string) => ({
      sha,
      author,
      committer,
      commit: {
        author: { name, email: `${name}@example.com` },
        committer: { name: 'GitHub', email: 'noreply@github.com' },
        message: `change by ${name}\n\nGreenlight-Repair: 1`,
      },
    });
    nock(API)
      .get('/repos/acme/shop/pulls/5/commits')
      .query({ per_page: '100' })
      .reply(200, [commit('a'.repeat(40), null, null, 'greenlight[bot]')], {
        link: '<https://api.github.com/repos/acme/shop/pulls/5/commits?per_page=100&page=2>; rel="next"',
      })
      .get('/repos/acme/shop/pulls/5/commits')
      .query({ per_page: '100', page: '2' })
      .reply(200, [
        commit('b'.repeat(40), user('bob'), user('web-flow'), 'Bob'),
        commit('c'.repeat(40), {}, user('x[bot]', 'Bot'), 'Ann'),
      ]);
    expect(await forgeFor().listPullRequestCommits(5)).toEqual([
      {
        sha: 'a'.repeat(40),
        author: null,
        committer: null,
        authorName: 'greenlight[bot]',
        authorEmail: 'greenlight[bot]@example.com',
        committerName: 'GitHub',
        committerEmail: 'noreply@github.com',
        message: 'change by greenlight[bot]\n\nGreenlight-Repair: 1',
      },
      {
        sha: 'b'.repeat(40),
        author: { login: 'bob', isBot: false },
        committer: { login: 'web-flow', isBot: false },
        authorName: 'Bob',
        authorEmail: 'Bob@example.com',
        committerName: 'GitHub',
        committerEmail: 'noreply@github.com',
        message: 'change by Bob\n\nGreenlight-Repair: 1',
      },
      {
        sha: 'c'.repeat(40),
        author: null,
        committer: { login: 'x[bot]', isBot: true },
        authorName: 'Ann',
        authorEmail: 'Ann@example.com',
        committerName: 'GitHub',
        committerEmail: 'noreply@github.com',
        message: 'change by Ann\n\nGreenlight-Repair: 1',
      },
    ]);
  });

  it('finds the open pull request of a branch, or null', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls')
      .query({ head: 'acme:greenlight/issue-3-tests', state: 'open', per_page: '1' })
      .reply(200, [pr({ merged: undefined, merged_at: null })])
      .get('/repos/acme/shop/pulls')
      .query({ head: 'acme:nothing', state: 'open', per_page: '1' })
      .reply(200, []);
    const forge = forgeFor();
    expect(await forge.findPullRequestForBranch('greenlight/issue-3-tests')).toMatchObject({
      number: 5,
      merged: false,
    });
    expect(await forge.findPullRequestForBranch('nothing')).toBeNull();
  });

  it('lists every page of pull request files', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/5/files')
      .query({ per_page: '100' })
      .reply(200, [{ filename: 'a.ts', status: 'modified', additions: 1, deletions: 2 }], {
        link: `<${API}/repos/acme/shop/pulls/5/files?per_page=100&page=2>; rel="next"`,
      })
      .get('/repos/acme/shop/pulls/5/files')
      .query({ per_page: '100', page: '2' })
      .reply(200, [{ filename: 'b.ts', previous_filename: 'old/b.ts', status: 'renamed', additions: 0, deletions: 0 }]);
    expect(await forgeFor().listPullRequestFiles(5)).toEqual([
      { path: 'a.ts', status: 'modified', additions: 1, deletions: 2 },
      { path: 'b.ts', previousPath: 'old/b.ts', status: 'renamed', additions: 0, deletions: 0 },
    ]);
  });

  it('lists comments and reviews (a deleted reviewer is ghost, an unknown state never approves)', async () => {
    nock(API)
      .get('/repos/acme/shop/issues/5/comments')
      .query({ per_page: '100' })
      .reply(200, [{ id: 11, body: '/fix it', user: user('alice'), created_at: 't1', updated_at: 't2', html_url: 'u' }])
      .get('/repos/acme/shop/pulls/5/reviews')
      .query({ per_page: '100' })
      .reply(200, [
        { id: 1, user: user('bob'), state: 'APPROVED', commit_id: SHA, submitted_at: '2025-01-01T00:00:00Z' },
        { id: 2, user: null, state: 'CHANGES_REQUESTED', commit_id: SHA, submitted_at: '2025-01-01T00:01:00Z' },
        { id: 3, user: user('carol'), state: 'SOMETHING_NEW', commit_id: SHA },
      ]);
    const forge = forgeFor();
    expect(await forge.listIssueComments(5)).toEqual([
      {
        id: 11,
        body: '/fix it',
        author: { login: 'alice', isBot: false },
        createdAt: 't1',
        updatedAt: 't2',
        htmlUrl: 'u',
      },
    ]);
    expect(await forge.listReviews(5)).toEqual([
      {
        id: 1,
        user: { login: 'bob', isBot: false },
        state: 'APPROVED',
        commitId: SHA,
        submittedAt: '2025-01-01T00:00:00Z',
      },
      {
        id: 2,
        user: { login: 'ghost', isBot: false },
        state: 'CHANGES_REQUESTED',
        commitId: SHA,
        submittedAt: '2025-01-01T00:01:00Z',
      },
      { id: 3, user: { login: 'carol', isBot: false }, state: 'COMMENTED', commitId: SHA, submittedAt: null },
    ]);
  });

  it('lists check runs of a commit by name, newest first', async () => {
    nock(API)
      .get(`/repos/acme/shop/commits/${SHA}/check-runs`)
      .query({ check_name: 'greenlight/review-gate', filter: 'all', per_page: '100' })
      .reply(200, {
        total_count: 2,
        check_runs: [
          {
            id: 7,
            name: 'greenlight/review-gate',
            head_sha: SHA,
            status: 'completed',
            conclusion: 'success',
            external_id: '',
            app: { id: 99 },
          },
          {
            id: 9,
            name: 'greenlight/review-gate',
            head_sha: SHA,
            status: 'in_progress',
            conclusion: null,
            external_id: 'requester=alice',
            app: { id: 99 },
          },
        ],
      });
    expect(await forgeFor().listCheckRuns(SHA, 'greenlight/review-gate')).toEqual([
      {
        id: 9,
        name: 'greenlight/review-gate',
        headSha: SHA,
        status: 'in_progress',
        conclusion: null,
        externalId: 'requester=alice',
        appId: 99,
      },
      {
        id: 7,
        name: 'greenlight/review-gate',
        headSha: SHA,
        status: 'completed',
        conclusion: 'success',
        externalId: null,
        appId: 99,
      },
    ]);
  });

  it('reads a workflow by file name or path, and null when it is missing', async () => {
    nock(API)
      .get('/repos/acme/shop/actions/workflows/greenlight.yml')
      .reply(200, { id: 4, path: '.github/workflows/greenlight.yml', state: 'active' })
      .get('/repos/acme/shop/actions/workflows/other.yml')
      .reply(404, { message: 'Not Found' });
    const forge = forgeFor();
    expect(await forge.getWorkflow('.github/workflows/greenlight.yml')).toEqual({
      id: 4,
      path: '.github/workflows/greenlight.yml',
      state: 'active',
    });
    expect(await forge.getWorkflow('other.yml')).toBeNull();
  });
});

describe('OctokitForge: writing', () => {
  it('creates and updates comments, cutting what GitHub would reject', async () => {
    const long = 'x'.repeat(70_000);
    const reply = {
      id: 12,
      body: 'b',
      user: user('greenlight[bot]', 'Bot'),
      created_at: 't',
      updated_at: 't',
      html_url: 'u',
    };
    nock(API)
      .post('/repos/acme/shop/issues/3/comments', { body: 'Working on it' })
      .reply(201, reply)
      .patch(
        '/repos/acme/shop/issues/comments/12',
        (body: { body: string }) => body.body.length === 65_536 && body.body.endsWith('(cut: too long for GitHub)'),
      )
      .reply(200, reply);
    const forge = forgeFor();
    expect(await forge.createComment(3, 'Working on it')).toMatchObject({
      id: 12,
      author: { login: 'greenlight[bot]', isBot: true },
    });
    await forge.updateComment(12, long);
  });

  it('reacts to an issue and to a comment', async () => {
    nock(API)
      .post('/repos/acme/shop/issues/3/reactions', { content: 'eyes' })
      .reply(201, {})
      .post('/repos/acme/shop/issues/comments/12/reactions', { content: 'rocket' })
      .reply(201, {});
    const forge = forgeFor();
    await forge.addReaction({ kind: 'issue', number: 3 }, 'eyes');
    await forge.addReaction({ kind: 'comment', id: 12 }, 'rocket');
  });

  it('opens a pull request', async () => {
    nock(API)
      .post('/repos/acme/shop/pulls', {
        title: 'test: cover parseDate',
        body: 'Closes #3',
        head: 'greenlight/issue-3',
        base: 'main',
        draft: true,
      })
      .reply(201, { number: 8, node_id: 'PR_8', html_url: 'https://github.com/acme/shop/pull/8' });
    expect(
      await forgeFor().createPullRequest({
        title: 'test: cover parseDate',
        body: 'Closes #3',
        head: 'greenlight/issue-3',
        base: 'main',
        draft: true,
      }),
    ).toEqual({ number: 8, nodeId: 'PR_8', htmlUrl: 'https://github.com/acme/shop/pull/8' });
  });

  it('updates a pull request body without touching the title', async () => {
    nock(API).patch('/repos/acme/shop/pulls/8', { body: 'new body' }).reply(200, {});
    await forgeFor().updatePullRequest(8, { body: 'new body' });
  });

  it('creates only missing labels and tolerates a concurrent creation', async () => {
    nock(API)
      .get('/repos/acme/shop/labels')
      .query({ per_page: '100' })
      .reply(200, [{ name: 'Greenlight' }])
      .post('/repos/acme/shop/labels', { name: 'risk:low', color: '0e8a16', description: 'low' })
      .reply(201, {})
      .post('/repos/acme/shop/labels', { name: 'risk:high', color: 'd93f0b', description: 'high' })
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      });
    await forgeFor().ensureLabels([
      { name: 'greenlight', color: '1d76db', description: 'g' },
      { name: 'risk:low', color: '0e8a16', description: 'low' },
      { name: 'risk:high', color: 'd93f0b', description: 'high' },
    ]);
  });

  it('adds and removes labels (removing a missing label is fine; nothing to add makes no call)', async () => {
    nock(API)
      .post('/repos/acme/shop/issues/8/labels', { labels: ['greenlight', 'risk:high'] })
      .reply(200, [])
      .delete('/repos/acme/shop/issues/8/labels/risk%3Alow')
      .reply(404, { message: 'Label does not exist' });
    const forge = forgeFor();
    await forge.addLabels(8, ['greenlight', 'risk:high']);
    await forge.addLabels(8, []);
    await forge.removeLabel(8, 'risk:low');
  });

  it('requests reviewers and teams, and skips an empty request', async () => {
    nock(API)
      .post('/repos/acme/shop/pulls/8/requested_reviewers', { reviewers: ['bob'], team_reviewers: ['dba'] })
      .reply(201, {});
    const forge = forgeFor();
    await forge.requestReviewers(8, { reviewers: ['bob'], teams: ['dba'] });
    await forge.requestReviewers(8, { reviewers: [], teams: [] });
  });

  it('creates a pending check run and completes it', async () => {
    const run = { id: 31, name: 'greenlight/review-gate', head_sha: SHA, app: { id: 1 } };
    nock(API)
      .post('/repos/acme/shop/check-runs', {
        name: 'greenlight/review-gate',
        head_sha: SHA,
        status: 'in_progress',
        output: { title: 'Waiting', summary: 'needs 1' },
        external_id: 'requester=alice',
      })
      .reply(201, { ...run, status: 'in_progress', conclusion: null, external_id: 'requester=alice' })
      .patch('/repos/acme/shop/check-runs/31', {
        status: 'completed',
        conclusion: 'success',
        output: { title: 'Approved', summary: 'ok' },
        details_url: 'https://x/1',
      })
      .reply(200, { ...run, status: 'completed', conclusion: 'success', external_id: 'requester=alice' });
    const forge = forgeFor();
    expect(
      await forge.createCheckRun({
        name: 'greenlight/review-gate',
        headSha: SHA,
        status: 'in_progress',
        title: 'Waiting',
        summary: 'needs 1',
        externalId: 'requester=alice',
      }),
    ).toMatchObject({ id: 31, status: 'in_progress', conclusion: null, externalId: 'requester=alice' });
    expect(
      await forge.updateCheckRun(31, {
        status: 'completed',
        conclusion: 'success',
        title: 'Approved',
        summary: 'ok',
        detailsUrl: 'https://x/1',
      }),
    ).toMatchObject({ id: 31, status: 'completed', conclusion: 'success' });
  });

  it('dispatches a workflow with string inputs', async () => {
    nock(API)
      .post('/repos/acme/shop/actions/workflows/greenlight.yml/dispatches', {
        ref: 'main',
        inputs: { pr: '5', requester: 'alice', head_sha: SHA },
      })
      .reply(204);
    await forgeFor().dispatchWorkflow('greenlight.yml', 'main', { pr: '5', requester: 'alice', head_sha: SHA });
  });

  it('enables auto-merge through GraphQL, and reports a refusal as a value', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/5')
      .twice()
      .reply(200, pr())
      .post(
        '/graphql',
        (body: { variables: { pullRequestId: string; mergeMethod: string } }) =>
          body.variables.pullRequestId === 'PR_node5' && body.variables.mergeMethod === 'SQUASH',
      )
      .reply(200, { data: { enablePullRequestAutoMerge: { clientMutationId: null } } })
      .post('/graphql')
      .reply(200, {
        data: null,
        errors: [{ type: 'UNPROCESSABLE', message: 'Pull request Auto merge is not allowed for this repository' }],
      });
    const forge = forgeFor();
    expect(await forge.enableAutoMerge(5, 'squash')).toEqual({ enabled: true });
    expect(await forge.enableAutoMerge(5, 'merge')).toEqual({
      enabled: false,
      reason: 'Pull request Auto merge is not allowed for this repository',
    });
  });
});

describe('OctokitForge: errors', () => {
  it('names the missing permission on a 403', async () => {
    nock(API).post('/repos/acme/shop/check-runs').reply(403, { message: 'Resource not accessible by integration' });
    const error = await failure(
      forgeFor().createCheckRun({ name: 'n', headSha: SHA, status: 'queued', title: 't', summary: 's' }),
    );
    expect(error.message).toBe(
      "GitHub refused to let greenlight create the check run 'n' (HTTP 403: Resource not accessible by integration). " +
        "The token needs the \"checks: write\" permission: add it to the workflow's or job's `permissions:`, or to the GitHub App's permissions.",
    );
  });

  it.each([
    [
      401,
      { message: 'Bad credentials' },
      {},
      'GitHub rejected the token when greenlight tried to read issue #3 (HTTP 401: Bad credentials).',
    ],
    [
      404,
      { message: 'Not Found' },
      {},
      'GitHub found nothing when greenlight tried to read issue #3 (HTTP 404: Not Found). Check that it exists and that the token can see the repository (it needs "issues: read").',
    ],
    [
      403,
      { message: 'API rate limit exceeded for installation' },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' },
      "GitHub's rate limit stopped greenlight from trying to read issue #3 (HTTP 403: API rate limit exceeded for installation). It resets at 2026-01-01T00:00:00.000Z.",
    ],
    [
      410,
      { message: 'Issues are disabled for this repo' },
      {},
      'GitHub answered HTTP 410 when greenlight tried to read issue #3: Issues are disabled for this repo.',
    ],
    [
      502,
      { message: 'Bad Gateway' },
      {},
      'GitHub failed while greenlight tried to read issue #3 (HTTP 502: Bad Gateway), even after retries.',
    ],
  ])('maps HTTP %i', async (status, body, headers, message) => {
    nock(API).get('/repos/acme/shop/issues/3').reply(status, body, headers);
    expect((await failure(forgeFor().getIssue(3))).message).toContain(message);
  });

  it('includes validation details on a 422', async () => {
    nock(API)
      .post('/repos/acme/shop/pulls')
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:b.' }],
      });
    const error = await failure(
      forgeFor().createPullRequest({ title: 't', body: 'b', head: 'b', base: 'main', draft: false }),
    );
    expect(error.message).toBe(
      'GitHub did not accept the request to open a pull request from b into main (HTTP 422: Validation Failed; A pull request already exists for acme:b.).',
    );
  });

  it('names the field and code of a validation error without a message', async () => {
    nock(API)
      .post('/repos/acme/shop/labels')
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'invalid', field: 'color' }] });
    nock(API).get('/repos/acme/shop/labels').query({ per_page: '100' }).reply(200, []);
    const error = await failure(forgeFor().ensureLabels([{ name: 'x', color: 'nothex', description: '' }]));
    expect(error.message).toBe(
      "GitHub did not accept the request to create the label 'x' (HTTP 422: Validation Failed; color invalid).",
    );
  });

  it('explains a network failure', async () => {
    nock(API).get('/repos/acme/shop/issues/3').replyWithError('getaddrinfo ENOTFOUND api.github.com');
    expect((await failure(forgeFor().getIssue(3))).message).toMatch(
      /^Could not reach GitHub to read issue #3: .*ENOTFOUND.*Check the API URL \(GITHUB_API_URL/,
    );
  });

  it('keeps the HTTP error as the cause', async () => {
    nock(API).get('/repos/acme/shop/issues/3').reply(403, { message: 'nope' });
    const error = await failure(forgeFor().getIssue(3));
    expect((error.cause as { status: number }).status).toBe(403);
  });

  it('reports an auto-merge HTTP failure as an error, not a refusal', async () => {
    nock(API)
      .get('/repos/acme/shop/pulls/5')
      .reply(200, pr())
      .post('/graphql')
      .reply(403, { message: 'Resource not accessible by integration' });
    expect((await failure(forgeFor().enableAutoMerge(5, 'squash'))).message).toContain(
      '"pull-requests: write and contents: write"',
    );
  });
});

describe('OctokitForge on GitHub Enterprise Server', () => {
  it('uses the GHES REST root and its GraphQL endpoint', async () => {
    nock(GHES)
      .get('/repos/acme/shop')
      .reply(200, { default_branch: 'main' })
      .get('/repos/acme/shop/contents/.github%2Fgreenlight.yml')
      .query({ ref: 'main' })
      .reply(404, { message: 'Not Found' })
      .get('/repos/acme/shop/collaborators/alice/permission')
      .reply(200, { permission: 'admin', role_name: 'admin' })
      .get('/repos/acme/shop/pulls/5')
      .reply(200, pr());
    nock('https://ghe.example.com/api')
      .post('/graphql')
      .reply(200, { data: { enablePullRequestAutoMerge: { clientMutationId: null } } });
    const forge = forgeFor(GHES);
    expect(await forge.getFileOnDefaultBranch('.github/greenlight.yml')).toBeNull();
    expect(await forge.getPermission('alice')).toEqual({ permission: 'admin', roleName: 'admin' });
    expect(await forge.enableAutoMerge(5, 'merge')).toEqual({ enabled: true });
  });
});

describe("OctokitForge with Probot's client", () => {
  it('accepts a ProbotOctokit (the App passes context.octokit)', async () => {
    nock(API)
      .get('/repos/acme/shop/issues/3')
      .reply(200, {
        number: 3,
        title: 't',
        body: 'b',
        state: 'closed',
        user: user('alice'),
        labels: [],
        html_url: 'u',
        pull_request: { url: 'x' },
      });
    const octokit = new ProbotOctokit({
      auth: { token: 'installation-token' },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const forge = new OctokitForge(octokit, { owner: 'acme', repo: 'shop' });
    expect(await forge.getIssue(3)).toMatchObject({ state: 'closed', isPullRequest: true });
  });
});
