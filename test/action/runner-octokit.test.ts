// The runner against GitHub's HTTP API (nock; every mock must be used): the requests a
// refusal, an invalid config and a fork /fix make, through the real Octokit Forge.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../src/adapters/github/create-octokit.ts';
import { OctokitForge } from '../../src/adapters/github/octokit-forge.ts';
import { commentEvent, harness, labeledEvent, TOKEN } from './harness.ts';

const API = 'https://api.github.com';
const REPO = '/repos/acme/shop';

function realForge(h: ReturnType<typeof harness>): void {
  h.services.createForge = ({ token, apiUrl, repo }) =>
    new OctokitForge(createOctokit({ token, baseUrl: apiUrl, retries: 0, throttle: false }), repo);
}

const user = (login: string) => ({ login, id: 1, type: 'User' });

function configReads(scope: nock.Scope, content: string | null): nock.Scope {
  scope.get(REPO).reply(200, { default_branch: 'main' });
  const contents = scope.get(`${REPO}/contents/.github%2Fgreenlight.yml`).query({ ref: 'main' });
  return content === null
    ? contents.reply(404, { message: 'Not Found' })
    : contents.reply(200, {
        type: 'file',
        encoding: 'base64',
        content: Buffer.from(content).toString('base64'),
        sha: 'abc',
        size: content.length,
      });
}

describe('Action runner over the GitHub API', () => {
  it('refuses a reader with one comment, authenticated with the input token', async () => {
    const h = harness();
    realForge(h);
    const scope = nock(API, { reqheaders: { authorization: `token ${TOKEN}` } });
    configReads(scope, null);
    scope
      .get(`${REPO}/collaborators/alice/permission`)
      .reply(200, { permission: 'read', role_name: 'read', user: user('alice') });
    let posted = '';
    scope
      .post(`${REPO}/issues/3/comments`, (body: { body: string }) => {
        posted = body.body;
        return true;
      })
      .reply(201, {
        id: 1,
        body: 'x',
        user: user('github-actions[bot]'),
        created_at: '',
        updated_at: '',
        html_url: '',
      });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.outputs['outcome']).toBe('refused');
    expect(posted).toContain('Thanks for the request, @alice.');
    expect(h.services.calls.runJob).toEqual([]);
  });

  it('comments on an invalid config read from the default branch', async () => {
    const h = harness();
    realForge(h);
    const scope = nock(API);
    configReads(scope, 'budgets:\n  maxIterations: 0\n');
    scope
      .get(`${REPO}/collaborators/alice/permission`)
      .reply(200, { permission: 'admin', role_name: 'admin', user: user('alice') });
    scope.get(`${REPO}/issues/3`).reply(200, {
      number: 3,
      title: 't',
      body: null,
      state: 'open',
      user: user('bob'),
      labels: [],
      html_url: 'https://github.com/acme/shop/issues/3',
    });
    let posted = '';
    scope
      .post(`${REPO}/issues/3/comments`, (body: { body: string }) => {
        posted = body.body;
        return true;
      })
      .reply(201, {
        id: 2,
        body: 'x',
        user: user('github-actions[bot]'),
        created_at: '',
        updated_at: '',
        html_url: '',
      });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.code).toBe(1);
    expect(posted).toMatch(/\| 2:\d+ \| `budgets\.maxIterations` \| expected an integer from 1 to 50, found 0 \|/);
  });

  it('explains a fork refusal on the pull request', async () => {
    const h = harness();
    realForge(h);
    const scope = nock(API);
    configReads(scope, null);
    scope
      .get(`${REPO}/collaborators/alice/permission`)
      .reply(200, { permission: 'write', role_name: 'write', user: user('alice') });
    scope.get(`${REPO}/pulls/7`).reply(200, {
      number: 7,
      node_id: 'PR_7',
      title: 'x',
      body: null,
      state: 'open',
      merged: false,
      draft: false,
      user: user('mallory'),
      labels: [],
      html_url: 'https://github.com/acme/shop/pull/7',
      head: { sha: 'a'.repeat(40), ref: 'main', repo: { full_name: 'mallory/shop' } },
      base: { sha: 'b'.repeat(40), ref: 'main' },
    });
    let posted = '';
    scope
      .post(`${REPO}/issues/7/comments`, (body: { body: string }) => {
        posted = body.body;
        return true;
      })
      .reply(201, {
        id: 3,
        body: 'x',
        user: user('github-actions[bot]'),
        created_at: '',
        updated_at: '',
        html_url: '',
      });
    const run = await h.run('issue_comment', commentEvent(7, '/fix'));
    expect(run.outputs['outcome']).toBe('refused');
    expect(posted).toContain('its branch lives in the fork `mallory/shop`');
  });

  it('names the token permission GitHub refused', async () => {
    const h = harness();
    realForge(h);
    nock(API).get(REPO).reply(403, { message: 'Resource not accessible by integration' });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.code).toBe(1);
    expect(run.lines.find((l) => l.startsWith('::error::'))).toContain('metadata: read');
  });
});
