import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GREENLIGHT_WORKFLOW_TEMPLATE } from '../../src/app/workflow-template.ts';
import {
  API,
  captureBody,
  commentReply,
  fixComment,
  harness,
  HEAD,
  labeledIssue,
  mockConfig,
  mockPermission,
  mockToken,
  pullRequest,
  REPO,
} from './harness.ts';

const DISPATCH = `${REPO}/actions/workflows/greenlight.yml/dispatches`;

/**
 * The calls of a label that is dispatched: 👀 and the acknowledgement, then the dispatch,
 * which hands the acknowledgement (comment 900) to the run as its progress comment.
 */
function expectDispatch(inputs: Record<string, string>, comments: unknown[], thread = 1) {
  return nock(API)
    .post(`${REPO}/issues/${thread}/reactions`, { content: 'eyes' })
    .reply(201, { id: 1, content: 'eyes' })
    .post(`${REPO}/issues/${thread}/comments`, captureBody(comments))
    .reply(201, commentReply(900, 'ack'))
    .post(DISPATCH, { ref: 'master', inputs: { ...inputs, progress_comment: '900' } })
    .reply(204);
}

/** The comment body among captured request bodies (nock may show a matcher other requests' bodies too). */
const bodyOf = (captured: unknown[]) =>
  (captured.find((b) => typeof b === 'object' && b !== null && 'body' in b) as { body: string }).body;

describe('issues.labeled', () => {
  it('authorizes, reacts, dispatches the workflow with the issue and requester, and acknowledges with the checklist', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    const comments: unknown[] = [];
    expectDispatch({ issue: '1', requester: 'alice' }, comments);
    await h.receive('issues', labeledIssue());
    const body = bodyOf(comments);
    expect(body).toContain('<!-- greenlight:app -->');
    expect(body).toContain('### 👀 greenlight — issue #1');
    expect(body).toContain(
      'Requested by @alice. The greenlight App dispatched this request to the [`greenlight.yml` workflow](https://github.com/Codertocat/Hello-World/actions/workflows/greenlight.yml)',
    );
    expect(body).toContain('- [ ] **Understand the request** — dispatched to greenlight.yml (in progress)');
    expect(body).toContain('- [ ] Generate, test and fix');
    expect(h.messages()).toContain('request dispatched');
  });

  it('does nothing but read the config for a label that is not the trigger label', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    await h.receive('issues', labeledIssue({ label: 'bug' }));
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toMatchObject({ kind: 'ignored' });
  });

  it('uses the trigger label of the default branch config', async () => {
    const h = await harness();
    mockToken();
    mockConfig('trigger:\n  label: robot\n');
    mockPermission('alice', 'admin');
    expectDispatch({ issue: '1', requester: 'alice' }, []);
    await h.receive('issues', labeledIssue({ label: 'robot' }));
  });
});

describe('authorization (docs/security.md §1–2)', () => {
  it.each(['admin', 'maintain', 'write'])('%s may trigger a run', async (role) => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', role);
    expectDispatch({ issue: '1', requester: 'alice' }, []);
    await h.receive('issues', labeledIssue());
  });

  it.each([
    ['triage', 'triage access'],
    ['read', 'read access'],
    ['none', 'no access'],
  ])('%s gets one polite reply and no run', async (role, access) => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', role);
    const comments: unknown[] = [];
    nock(API).post(`${REPO}/issues/1/comments`, captureBody(comments)).reply(201, commentReply(901, 'reply'));
    await h.receive('issues', labeledIssue());
    expect(bodyOf(comments)).toBe(
      'Thanks for the request, @alice. greenlight only starts runs for people with write, maintain or admin access to this repository, ' +
        `and you have ${access}. A maintainer can start the run for you.\n`,
    );
  });

  it('ignores a bot that is not allowlisted, without asking its permission or replying', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    await h.receive('issues', labeledIssue({ sender: 'renovate[bot]', senderType: 'Bot' }));
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('not in trigger.allowedBots'),
    });
  });

  it('lets an allowlisted bot trigger (no permission lookup for bots)', async () => {
    const h = await harness();
    mockToken();
    mockConfig('trigger:\n  allowedBots: ["renovate[bot]"]\n');
    expectDispatch({ issue: '1', requester: 'renovate[bot]' }, []);
    await h.receive('issues', labeledIssue({ sender: 'renovate[bot]', senderType: 'Bot' }));
  });

  it('never reacts to itself, even when allowlisted', async () => {
    const h = await harness();
    mockToken();
    mockConfig('trigger:\n  allowedBots: ["greenlight[bot]"]\n');
    await h.receive('issues', labeledIssue({ sender: 'greenlight[bot]', senderType: 'Bot' }));
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('greenlight itself'),
    });
  });

  it('reads its own identity from GET /app (once) when it is not configured', async () => {
    const h = await harness({ identity: undefined });
    nock(API).get('/app').once().reply(200, { id: 99, slug: 'greenlight-acme', name: 'greenlight acme' });
    mockToken();
    mockConfig(null);
    mockConfig(null);
    const payload = labeledIssue({ sender: 'greenlight-acme[bot]', senderType: 'Bot' });
    await h.receive('issues', payload);
    await h.receive('issues', payload);
    expect(
      h.logs.filter((l) => l.msg === 'delivery handled').map((l) => (l.outcome as { reason: string }).reason),
    ).toEqual(Array(2).fill(expect.stringContaining('@greenlight-acme[bot] is greenlight itself')));
  });

  it("ignores the App's own /fix-looking comments", async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    await h.receive('issue_comment', fixComment({ author: 'greenlight[bot]', authorType: 'Bot' }));
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toMatchObject({ kind: 'ignored' });
  });
});

describe('issue_comment.created', () => {
  it('dispatches /fix with the PR, the head at trigger time, the comment and the instruction', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'maintain');
    const comments: unknown[] = [];
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullRequest({ labels: [], user: { login: 'bob', type: 'User' } }))
      .post(`${REPO}/issues/comments/555/reactions`, { content: 'eyes' })
      .reply(201, { id: 2, content: 'eyes' })
      .post(`${REPO}/issues/7/comments`, captureBody(comments))
      .reply(201, commentReply(902, 'ack'))
      .post(DISPATCH, {
        ref: 'master',
        inputs: {
          pr: '7',
          requester: 'alice',
          head_sha: HEAD,
          comment_id: '555',
          instruction: 'add a test for parseDate',
          progress_comment: '902',
        },
      })
      .reply(204);
    await h.receive('issue_comment', fixComment());
    expect(bodyOf(comments)).toContain('### 👀 greenlight — `/fix` on pull request #7');
  });

  it('makes no API call at all for an ordinary comment', async () => {
    const h = await harness();
    await h.receive('issue_comment', fixComment({ body: 'Looks good to me' }));
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toEqual({
      kind: 'ignored',
      reason: 'not a command',
    });
  });

  it('does not act on edited comments (no handler for them)', async () => {
    const h = await harness();
    const payload = fixComment();
    payload.action = 'edited';
    await h.receive('issue_comment', payload);
    expect(h.messages()).not.toContain('delivery handled');
  });

  it('explains instead of running on a pull request from a fork', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    const comments: unknown[] = [];
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(
        200,
        pullRequest({ labels: [], head: { sha: HEAD, ref: 'patch-1', repo: { full_name: 'mallory/Hello-World' } } }),
      )
      .post(`${REPO}/issues/7/comments`, captureBody(comments))
      .reply(201, commentReply(903, 'fork'));
    await h.receive('issue_comment', fixComment());
    expect(bodyOf(comments)).toContain('its branch lives in the fork `mallory/Hello-World`');
  });
});

describe('the repository workflow', () => {
  it('comments with the exact workflow to add when it is missing, and nothing else', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    const comments: unknown[] = [];
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(904, 'ack'))
      .post(DISPATCH)
      .reply(404, { message: 'Not Found' })
      // The acknowledgement becomes the explanation: still one comment.
      .patch(`${REPO}/issues/comments/904`, captureBody(comments))
      .reply(200, commentReply(904, 'missing'));
    await h.receive('issues', labeledIssue());
    const body = bodyOf(comments);
    expect(body).toContain('### ⚠️ greenlight needs a workflow in this repository');
    expect(body).toContain(
      '`.github/workflows/greenlight.yml`, and there is no such file on `master`. Nothing was started.',
    );
    expect(body).toContain(
      '[create the file](https://github.com/Codertocat/Hello-World/new/master/.github/workflows?filename=greenlight.yml)',
    );
    expect(body).toContain(`\`\`\`yaml\n${GREENLIGHT_WORKFLOW_TEMPLATE.trimEnd()}\n\`\`\``);
    expect(body).toContain('then remove and re-add the `ai-generate` label');
  });

  it('says why when GitHub refuses the dispatch (no workflow_dispatch trigger)', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    const comments: unknown[] = [];
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(905, 'ack'))
      .post(DISPATCH)
      .reply(422, { message: "Workflow does not have 'workflow_dispatch' trigger" })
      .patch(`${REPO}/issues/comments/905`, captureBody(comments))
      .reply(200, commentReply(905, 'refused'));
    await h.receive('issues', labeledIssue());
    expect(bodyOf(comments)).toContain(
      "GitHub refused to dispatch the workflow on `master`: Workflow does not have 'workflow_dispatch' trigger",
    );
  });

  it('dispatches a workflow written before progress_comment existed without it (its run posts its own comment)', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(906, 'ack'))
      .post(DISPATCH, { ref: 'master', inputs: { issue: '1', requester: 'alice', progress_comment: '906' } })
      .reply(422, { message: 'Unexpected inputs provided: ["progress_comment"]' })
      .post(DISPATCH, { ref: 'master', inputs: { issue: '1', requester: 'alice' } })
      .reply(204);
    await h.receive('issues', labeledIssue());
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toEqual({ kind: 'dispatched' });
  });

  it('still dispatches when the acknowledgement cannot be posted first, and posts it after', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    const comments: unknown[] = [];
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/issues/1/comments`)
      .reply(500, { message: 'Server Error' })
      .post(DISPATCH, { ref: 'master', inputs: { issue: '1', requester: 'alice' } })
      .reply(204)
      .post(`${REPO}/issues/1/comments`, captureBody(comments))
      .reply(201, commentReply(907, 'ack'));
    await h.receive('issues', labeledIssue());
    expect(bodyOf(comments)).toContain('### 👀 greenlight — issue #1');
    expect(h.messages(40)).toContain('could not post the acknowledgement; the run will post its own comment');
  });

  it('dispatches the workflow the App is configured with', async () => {
    const h = await harness({ workflowFile: '.github/workflows/ai.yml' });
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/actions/workflows/ai.yml/dispatches`)
      .reply(204)
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(906, 'ack'));
    await h.receive('issues', labeledIssue());
  });
});

describe('configuration', () => {
  it('reports an invalid config on the default branch to an authorized requester, and starts nothing', async () => {
    const h = await harness();
    mockToken();
    mockConfig('budgets:\n  maxIterations: five\n');
    mockPermission('alice', 'write');
    const comments: unknown[] = [];
    nock(API).post(`${REPO}/issues/1/comments`, captureBody(comments)).reply(201, commentReply(907, 'config'));
    await h.receive('issues', labeledIssue());
    const body = bodyOf(comments);
    expect(body).toContain('### ⚠️ greenlight did not run: `.github/greenlight.yml` is invalid');
    expect(body).toContain('.github/greenlight.yml:2:18 budgets.maxIterations:');
  });
});

describe('failures', () => {
  it('fails the delivery when GitHub fails before the dispatch, so that it is delivered again', async () => {
    const h = await harness();
    mockToken();
    nock(API)
      .get(`${REPO}/contents/.github%2Fgreenlight.yml`)
      .query({ ref: 'master' })
      .reply(502, { message: 'Bad Gateway' });
    await expect(h.receive('issues', labeledIssue(), 'd-1')).rejects.toThrow(/GitHub failed/);
    // The same delivery again (a redelivery) is processed, not dropped as a duplicate.
    mockConfig(null);
    await h.receive('issues', labeledIssue({ label: 'bug' }), 'd-1');
    expect(await h.app.deliveries.claim('d-1')).toBe('done');
  });

  it('does not fail the delivery when only the acknowledgement fails after the dispatch', async () => {
    const h = await harness();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    nock(API)
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(DISPATCH)
      .reply(204)
      .post(`${REPO}/issues/1/comments`)
      .reply(403, { message: 'Resource not accessible by integration' });
    await h.receive('issues', labeledIssue());
    expect(h.messages(40)).toContain('could not post the acknowledgement');
  });
});
