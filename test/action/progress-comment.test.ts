// One comment per request: a run the greenlight App dispatched edits the App's
// acknowledgement (the `progress_comment` input) into its progress comment, and never
// edits a comment that is not the App's on the strength of that input.
import { describe, expect, it } from 'vitest';
import type { FakeComment } from '../fakes/fake-forge.ts';
import { dispatchEvent, harness, RUN_ID } from './harness.ts';

const APP_BOT = 'greenlight[bot]';
const ACK =
  '<!-- greenlight:app -->\n\n### 👀 greenlight — issue #3\n\nRequested by @alice. The greenlight App dispatched this request';

function setup() {
  const h = harness();
  h.forge.setPermission('alice', 'write');
  h.forge.addIssue({ number: 3, title: 'Add tests for clamp', body: 'Cover clamp in src/calc.js.' });
  h.forge.addIssue({ number: 4, title: 'Another issue' });
  return h;
}

function seed(h: ReturnType<typeof setup>, comment: Partial<FakeComment> & { id: number }): FakeComment {
  const full: FakeComment = {
    issueNumber: 3,
    body: ACK,
    author: { login: APP_BOT, isBot: true },
    createdAt: '2025-03-04T13:05:00Z',
    updatedAt: '2025-03-04T13:05:00Z',
    htmlUrl: `https://github.com/acme/shop/issues/3#issuecomment-${comment.id}`,
    ...comment,
  };
  h.forge.comments.push(full);
  return full;
}

/** The App's dispatch: sent by its bot on alice's behalf. */
const appDispatch = (progressComment?: string, sender = APP_BOT, senderType = 'Bot') =>
  dispatchEvent({ issue: '3', requester: 'alice' }, sender, senderType);

describe('the progress comment of an App-dispatched run', () => {
  it("edits the App's acknowledgement into the progress comment: one comment for the request", async () => {
    const h = setup();
    const ack = seed(h, { id: 7001 });
    const run = await h.run('workflow_dispatch', appDispatch(), { inputs: { progress_comment: '7001' } });
    expect(run.outputs['outcome']).toBe('opened');
    expect(h.forge.commentsOn(3).map((c) => c.id)).toEqual([7001]);
    expect(h.forge.calls.filter((c) => c.method === 'createComment')).toEqual([]);
    expect(ack.body).toContain(`<!-- greenlight:progress run=${RUN_ID} -->`);
    expect(ack.body).toContain('### ✅ greenlight — issue #3');
    expect(run.lines).toContain(`greenlight: progress comment ${ack.htmlUrl}`);
  });

  it.each([
    [
      "a person's comment",
      { author: { login: 'alice', isBot: false } },
      'comment 7002 was written by @alice, not by @greenlight[bot], which dispatched the run',
    ],
    [
      'a comment of another bot',
      { author: { login: 'renovate[bot]', isBot: true } },
      'comment 7002 was written by @renovate[bot], not by @greenlight[bot], which dispatched the run',
    ],
    ['a comment on another issue', { issueNumber: 4 }, 'comment 7002 belongs to #4, not to #3'],
    [
      'an App comment that is not an acknowledgement',
      { body: 'Thanks for the request, @alice.' },
      'comment 7002 is not a greenlight acknowledgement or progress comment',
    ],
  ])('does not touch %s: it posts its own comment and says why', async (_name, change, reason) => {
    const h = setup();
    const other = seed(h, { id: 7002, ...change });
    const before = other.body;
    const run = await h.run('workflow_dispatch', appDispatch(), { inputs: { progress_comment: '7002' } });
    expect(run.outputs['outcome']).toBe('opened');
    expect(other.body).toBe(before);
    expect(h.forge.calls.filter((c) => c.method === 'updateComment' && c.args[0] === 7002)).toEqual([]);
    expect(h.forge.commentsOn(3).filter((c) => c.body.includes(`greenlight:progress run=${RUN_ID}`))).toHaveLength(1);
    expect(run.lines).toContain(`greenlight: posting a new progress comment: ${reason}`);
  });

  it('ignores progress_comment on a run a person dispatched, even naming an App comment', async () => {
    const h = setup();
    const ack = seed(h, { id: 7003 });
    const run = await h.run('workflow_dispatch', dispatchEvent({ issue: '3' }), {
      inputs: { progress_comment: '7003' },
    });
    expect(run.outputs['outcome']).toBe('opened');
    expect(ack.body).toBe(ACK);
    expect(run.lines).toContain(
      'greenlight: posting a new progress comment: the run was dispatched by @alice, not by the greenlight App, so progress_comment is not honoured',
    );
  });

  it('posts its own comment when the named comment does not exist', async () => {
    const h = setup();
    const run = await h.run('workflow_dispatch', appDispatch(), { inputs: { progress_comment: '999999' } });
    expect(run.outputs['outcome']).toBe('opened');
    expect(run.lines).toContain(
      'greenlight: posting a new progress comment: comment 999999 does not exist in this repository',
    );
    expect(h.forge.commentsOn(3)).toHaveLength(1);
  });

  it('refuses a progress_comment that is not a comment id, before anything runs', async () => {
    const h = setup();
    const run = await h.run('workflow_dispatch', appDispatch(), { inputs: { progress_comment: '12abc' } });
    expect(run.code).not.toBe(0);
    expect(run.lines.join('\n')).toContain(
      'Input \'progress_comment\' must be a comment id (a positive whole number), got "12abc"',
    );
    expect(h.services.calls.runJob).toEqual([]);
  });
});
