// The App after greenlight's pull request opened: a failed CI run on it dispatches a
// repair (the run decides the rest), and a review requesting changes dispatches a fix
// of its comments. Real payloads, GitHub mocked with nock.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { webhookExample, type ExamplePayload } from '../fakes/webhook-example.ts';
import {
  API,
  captureBody,
  commentReply,
  harness,
  HEAD,
  mockConfig,
  mockPermission,
  mockToken,
  pullRequest,
  REPO,
  user,
} from './harness.ts';

const DISPATCH = `${REPO}/actions/workflows/greenlight.yml/dispatches`;

function repository(payload: ExamplePayload): ExamplePayload {
  payload.repository = {
    ...payload.repository,
    full_name: 'Codertocat/Hello-World',
    name: 'Hello-World',
    owner: { ...payload.repository.owner, login: 'Codertocat' },
    default_branch: 'master',
    html_url: 'https://github.com/Codertocat/Hello-World',
  };
  payload.installation = { id: 1 };
  return payload;
}

function failedRun(options: { path?: string; conclusion?: string; event?: string } = {}): ExamplePayload {
  const payload = repository(webhookExample('workflow_run', 'completed', 2));
  payload.workflow_run = {
    ...payload.workflow_run,
    id: 900,
    path: options.path ?? '.github/workflows/ci.yml',
    event: options.event ?? 'pull_request',
    conclusion: options.conclusion ?? 'failure',
    head_sha: HEAD,
    head_repository: { full_name: 'Codertocat/Hello-World' },
    pull_requests: [{ number: 7 }],
    triggering_actor: user('alice'),
  };
  return payload;
}

describe('the App on a failed CI run', () => {
  it("dispatches a repair of greenlight's pull request with pr, run_id and head_sha, and says nothing itself", async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullRequest())
      .post(DISPATCH, { ref: 'master', inputs: { pr: '7', run_id: '900', head_sha: HEAD } })
      .reply(204);
    await h.receive('workflow_run', failedRun());
    expect(h.messages()).toContain('CI repair dispatched');
  });

  it.each([
    ['a successful run', () => failedRun({ conclusion: 'success' }), null],
    [
      'a failure of the greenlight workflow itself',
      () => failedRun({ path: '.github/workflows/greenlight.yml' }),
      null,
    ],
    [
      'a pull request already waiting for a person',
      () => failedRun(),
      { labels: [{ name: 'greenlight' }, { name: 'greenlight:needs-human' }] },
    ],
    ['a pull request without the greenlight label', () => failedRun(), { labels: [] }],
    [
      'a pull request that moved on',
      () => failedRun(),
      { head: { sha: 'c'.repeat(40), ref: 'x', repo: { full_name: 'Codertocat/Hello-World' } } },
    ],
  ])('dispatches nothing for %s', async (_name, make, pr) => {
    const h = await harness();
    if (pr !== null) {
      mockToken();
      mockConfig(null);
      nock(API).get(`${REPO}/pulls/7`).reply(200, pullRequest(pr));
    }
    await h.receive('workflow_run', make());
    expect(h.messages()).not.toContain('CI repair dispatched');
    expect(h.messages(50)).toEqual([]);
  });

  it('dispatches nothing when the repository turned CI repair off', async () => {
    const h = await harness();
    mockToken();
    mockConfig('repair:\n  maxAttempts: 0\n');
    await h.receive('workflow_run', failedRun());
    expect(h.messages()).not.toContain('CI repair dispatched');
  });

  it('warns when the workflow predates the run_id input', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullRequest())
      .post(DISPATCH)
      .reply(422, { message: 'Unexpected inputs provided: ["run_id"]' });
    await h.receive('workflow_run', failedRun());
    expect(h.messages(40)).toContain(
      'the workflow refused the CI repair dispatch; it must declare the run_id input (examples/workflows/greenlight.yml)',
    );
  });
});

describe('the App on a review requesting changes', () => {
  it('authorizes the reviewer, acknowledges and dispatches a fix of the review with review_id', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('bob', 'write');
    const comments: unknown[] = [];
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullRequest())
      .post(`${REPO}/issues/7/reactions`, { content: 'eyes' })
      .reply(201, {})
      .post(`${REPO}/issues/7/comments`, captureBody(comments))
      .reply(201, commentReply(901, 'ack'))
      .post(DISPATCH, {
        ref: 'master',
        inputs: {
          pr: '7',
          requester: 'bob',
          head_sha: HEAD,
          review_id: '31',
          instruction: 'Please rename.',
          progress_comment: '901',
        },
      })
      .reply(204);
    // The gate's recomputation (the reviewer becomes a requester) fails here: logged, the dispatch stands.
    nock(API).get(`${REPO}/pulls/7`).reply(500, { message: 'boom' });
    nock(API).get(`${REPO}/contents/.github%2Fgreenlight.yml`).query({ ref: 'master' }).reply(404, {});
    nock(API).get(`${REPO}/pulls/7/files`).query({ per_page: '100' }).reply(200, []);
    nock(API).get(`${REPO}/issues/7/comments`).query({ per_page: '100' }).reply(200, []);
    const payload = repository(webhookExample('pull_request_review', 'submitted'));
    payload.pull_request = {
      ...payload.pull_request,
      number: 7,
      head: { ...payload.pull_request.head, sha: HEAD },
      labels: [{ name: 'greenlight' }],
    };
    payload.review = {
      ...payload.review,
      id: 31,
      state: 'changes_requested',
      body: 'Please rename.',
      user: user('bob'),
    };
    payload.sender = user('bob');
    await h.receive('pull_request_review', payload);
    const body = (comments.find((b) => typeof b === 'object' && b !== null && 'body' in b) as { body: string }).body;
    expect(body).toContain('### 👀 greenlight — review of pull request #7');
    expect(h.messages()).toContain('request dispatched');
    expect(h.messages(40)).toContain('could not recompute the review gate');
  });
});

describe('the App queues a CI repair over the fleet limits', () => {
  it('and dispatches it when a greenlight run completes, still without a comment of its own', async () => {
    const config = 'fleet:\n  maxConcurrentRuns: 1\n';
    const h = await harness();
    mockToken();
    // A label takes the only slot.
    mockConfig(config);
    mockPermission('alice', 'write');
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(101, 'ack'))
      .post(DISPATCH)
      .reply(204);
    const label = repository(webhookExample('issues', 'labeled'));
    label.label = { ...label.label, name: 'ai-generate' };
    label.sender = user('alice');
    await h.receive('issues', label);

    mockConfig(config);
    nock(API).get(`${REPO}/pulls/7`).reply(200, pullRequest());
    await h.receive('workflow_run', failedRun());
    expect(h.messages()).toContain('CI repair queued');

    // The label's run completes: the slot goes to the repair.
    nock(API)
      .post(DISPATCH, { ref: 'master', inputs: { pr: '7', run_id: '900', head_sha: HEAD } })
      .reply(204);
    const completed = repository(webhookExample('workflow_run', 'completed'));
    completed.workflow_run = {
      ...completed.workflow_run,
      path: '.github/workflows/greenlight.yml',
      event: 'workflow_dispatch',
      triggering_actor: user('greenlight[bot]', 'Bot'),
    };
    await h.receive('workflow_run', completed);
    await h.app.settled();
    expect(h.messages()).toContain('dispatched a queued CI repair');
  });
});
