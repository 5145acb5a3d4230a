import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { webhookExample, type ExamplePayload } from '../fakes/webhook-example.ts';
import {
  API,
  captureBody,
  commentReply,
  harness,
  labeledIssue,
  mockConfig,
  mockPermission,
  mockToken,
  REPO,
  user,
} from './harness.ts';

const DISPATCH = `${REPO}/actions/workflows/greenlight.yml/dispatches`;
const START = Date.parse('2025-03-04T13:05:00Z');

function labelOn(issue: number): ExamplePayload {
  const payload = labeledIssue();
  payload.issue = { ...payload.issue, number: issue };
  return payload;
}

function runCompleted(options: { path?: string; actor?: string; event?: string } = {}): ExamplePayload {
  const payload = webhookExample('workflow_run', 'completed');
  payload.repository = { ...payload.repository, full_name: 'Codertocat/Hello-World' };
  payload.installation = { id: 1 };
  payload.workflow_run = {
    ...payload.workflow_run,
    path: options.path ?? '.github/workflows/greenlight.yml',
    event: options.event ?? 'workflow_dispatch',
    triggering_actor: user(options.actor ?? 'greenlight[bot]', 'Bot'),
  };
  return payload;
}

/** The first label: config, permission, 👀, acknowledgement, dispatch (handing over the acknowledgement). */
function mockDispatched(issue: number, config: string): void {
  mockConfig(config);
  mockPermission('alice', 'write');
  nock(API)
    .post(`${REPO}/issues/${issue}/reactions`)
    .reply(201, {})
    .post(`${REPO}/issues/${issue}/comments`)
    .reply(201, commentReply(100 + issue, 'ack'))
    .post(DISPATCH, {
      ref: 'master',
      inputs: { issue: String(issue), requester: 'alice', progress_comment: String(100 + issue) },
    })
    .reply(204);
}

const bodyOf = (captured: unknown[]) =>
  (captured.find((b) => typeof b === 'object' && b !== null && 'body' in b) as { body: string }).body;

describe('fleet limits', () => {
  it('queues a request over maxConcurrentRuns, says so, and dispatches it when a greenlight run completes', async () => {
    const config = 'fleet:\n  maxConcurrentRuns: 1\n';
    const h = await harness({ now: () => START });
    mockToken();
    mockDispatched(1, config);
    await h.receive('issues', labelOn(1));

    mockConfig(config);
    mockPermission('alice', 'write');
    const queued: unknown[] = [];
    nock(API)
      .post(`${REPO}/issues/2/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/2/comments`, captureBody(queued))
      .reply(201, commentReply(202, 'queued'));
    await h.receive('issues', labelOn(2));
    const queuedBody = bodyOf(queued);
    expect(queuedBody).toMatch(/^<!-- greenlight:app queued=queued-\d+ -->/);
    expect(queuedBody).toContain('### ⏳ greenlight — issue #2 (queued)');
    expect(queuedBody).toContain(
      'Queued: 1 greenlight run is already running in this repository, the limit (`fleet.maxConcurrentRuns: 1`). ' +
        'This request is number 1 in line; it is dispatched to the',
    );
    expect(queuedBody).toContain('- [ ] Understand the request — queued (1 in line)');

    const marker = /^<!-- greenlight:app queued=queued-\d+ -->/.exec(queuedBody)?.[0] ?? '';
    const updated: unknown[] = [];
    nock(API)
      .get(`${REPO}/issues/2/comments`)
      .query({ per_page: '100' })
      .reply(200, [
        commentReply(300, `${marker}\nforged by a person`, 'mallory'),
        commentReply(202, `${marker}\n### ⏳ greenlight — issue #2 (queued)`),
      ])
      // The queued comment (the App's, not the forged one) becomes the run's progress comment.
      .post(DISPATCH, { ref: 'master', inputs: { issue: '2', requester: 'alice', progress_comment: '202' } })
      .reply(204)
      .patch(`${REPO}/issues/comments/202`, captureBody(updated))
      .reply(200, commentReply(202, 'dispatched'));
    await h.receive('workflow_run', runCompleted());
    expect(bodyOf(updated)).toContain(
      'Requested by @alice. A slot freed up: the greenlight App dispatched this request',
    );
    expect(h.messages()).toContain('dispatched a queued request');
  });

  it("dispatches queued requests when the hourly window moves on (the timer's drain)", async () => {
    let now = START;
    const config = 'fleet:\n  maxRunsPerHour: 1\n';
    const h = await harness({ now: () => now });
    mockToken();
    mockDispatched(1, config);
    await h.receive('issues', labelOn(1));
    mockConfig(config);
    mockPermission('alice', 'write');
    const queued: unknown[] = [];
    nock(API)
      .post(`${REPO}/issues/2/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/2/comments`, captureBody(queued))
      .reply(201, commentReply(202, 'queued'));
    await h.receive('issues', labelOn(2));
    expect(bodyOf(queued)).toContain(
      '1 greenlight run started in this repository in the last hour, the limit (`fleet.maxRunsPerHour: 1`); the next slot frees at 14:05 UTC',
    );

    await h.app.scheduler().drain(); // still within the hour: nothing happens
    now = START + 60 * 60 * 1000 + 1;
    nock(API)
      .get(`${REPO}/issues/2/comments`)
      .query({ per_page: '100' })
      .reply(200, [])
      .post(DISPATCH, { ref: 'master', inputs: { issue: '2', requester: 'alice' } })
      .reply(204)
      .post(`${REPO}/issues/2/comments`)
      .reply(201, commentReply(203, 'dispatched'));
    await h.app.scheduler().drain();
  });

  it('refuses with the reason when fleet.overLimit is refuse', async () => {
    const config = 'fleet:\n  maxRunsPerHour: 1\n  overLimit: refuse\n';
    const h = await harness({ now: () => START });
    mockToken();
    mockDispatched(1, config);
    await h.receive('issues', labelOn(1));
    mockConfig(config);
    mockPermission('alice', 'write');
    const refused: unknown[] = [];
    nock(API).post(`${REPO}/issues/2/comments`, captureBody(refused)).reply(201, commentReply(204, 'refused'));
    await h.receive('issues', labelOn(2));
    expect(bodyOf(refused)).toBe(
      [
        '<!-- greenlight:app -->',
        '### ✋ greenlight did not start — issue #2',
        '@alice, this request was not started: 1 greenlight run started in this repository in the last hour, the limit ' +
          '(`fleet.maxRunsPerHour: 1`); the next slot frees at 14:05 UTC. Nothing ran. To try again later, remove and re-add the `ai-generate` label.',
      ].join('\n\n') + '\n',
    );
  });

  it('gives the slot back when the dispatch did not start a run', async () => {
    const config = 'fleet:\n  maxConcurrentRuns: 1\n';
    const h = await harness({ now: () => START });
    mockToken();
    mockConfig(config);
    mockPermission('alice', 'write');
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(101, 'ack'))
      .post(DISPATCH)
      .reply(404, { message: 'Not Found' })
      .patch(`${REPO}/issues/comments/101`)
      .reply(200, commentReply(101, 'missing'));
    await h.receive('issues', labelOn(1));
    mockDispatched(2, config);
    await h.receive('issues', labelOn(2));
  });

  it.each([
    ['another workflow', { path: '.github/workflows/ci.yml' }],
    ['a run somebody started by hand', { actor: 'alice' }],
    ['a run of another event', { event: 'push' }],
  ])('does not free a slot for %s', async (_name, options) => {
    const h = await harness();
    await h.receive('workflow_run', runCompleted(options));
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toEqual({ slotFreed: false });
  });
});
