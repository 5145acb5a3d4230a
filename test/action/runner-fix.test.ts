import { describe, expect, it } from 'vitest';
import { fakeSha } from '../fakes/fake-forge.ts';
import { commentEvent, dispatchEvent, harness } from './harness.ts';

function setup(init: Parameters<ReturnType<typeof harness>['forge']['addPullRequest']>[0] = {}) {
  const h = harness();
  h.forge.setPermission('alice', 'write');
  const pr = h.forge.addPullRequest({
    number: 7,
    title: 'feat: parse dates',
    body: 'Adds parseDate.',
    headRef: 'feature/dates',
    ...init,
  });
  // The /fix comment itself, so the 👀 reaction has something to go on.
  h.forge.comments.push({
    id: 555,
    issueNumber: 7,
    body: '/fix add a leap-year test',
    author: { login: 'alice', isBot: false },
    createdAt: '',
    updatedAt: '',
    htmlUrl: '',
  });
  return { h, pr };
}

describe('Action runner: /fix', () => {
  it('works on the head current at trigger time and pushes a commit on it', async () => {
    const { h, pr } = setup();
    const run = await h.run('issue_comment', commentEvent(7, '/fix add a leap-year test\nthanks'));
    expect(run.code).toBe(0);
    expect(h.forge.reactions).toEqual([{ target: { kind: 'comment', id: 555 }, content: 'eyes' }]);
    expect(h.services.calls.checkoutCommit).toEqual([{ sha: pr.headSha, branches: ['feature/dates'] }]);
    expect(h.services.calls.runJob[0]?.task).toEqual({
      mode: 'fix',
      title: 'feat: parse dates',
      body: 'Adds parseDate.',
      instruction: 'add a leap-year test\nthanks',
      pullRequestNumber: 7,
      requester: 'alice',
      baseSha: pr.headSha,
    });
    expect(h.services.calls.publishFix[0]).toMatchObject({
      pr: { number: 7, headSha: pr.headSha },
      instruction: 'add a leap-year test\nthanks',
      baseSha: pr.headSha,
    });
    expect(run.outputs).toMatchObject({ outcome: 'updated', pr_number: '7', branch: 'feature/dates' });
    const progress = h.forge.commentsOn(7).find((c) => c.author.isBot)?.body ?? '';
    expect(progress).toContain('### ✅ greenlight — `/fix` on pull request #7');
    expect(progress).toContain('Pushed a verified commit to `feature/dates` (#7).');
  });

  it('stops when the head moved after the request, before any model call (docs/security.md §4)', async () => {
    const { h, pr } = setup();
    const moved = h.forge.pushTo(7);
    const run = await h.run('workflow_dispatch', dispatchEvent({ pr: '7', head_sha: pr.headSha, comment_id: '555' }));
    expect(run.code).toBe(1);
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.services.calls.checkoutCommit).toEqual([]);
    const progress = h.forge.commentsOn(7).find((c) => c.author.isBot)?.body ?? '';
    expect(progress).toContain(`the pull request's head moved from \`${pr.headSha.slice(0, 7)}\``);
    expect(progress).toContain(`to \`${moved.slice(0, 7)}\``);
    expect(progress).toContain('comment `/fix` again to work on the new head');
  });

  it('uses the recorded head of a dispatch when it is still current', async () => {
    const { h, pr } = setup();
    const run = await h.run(
      'workflow_dispatch',
      dispatchEvent({ pr: '7', head_sha: pr.headSha, instruction: 'cover errors' }),
    );
    expect(run.outputs['outcome']).toBe('updated');
    expect(h.services.calls.runJob[0]?.task.instruction).toBe('cover errors');
    expect(h.forge.reactions).toEqual([{ target: { kind: 'issue', number: 7 }, content: 'eyes' }]);
  });

  it('refuses a pull request from a fork with a comment explaining why', async () => {
    const { h } = setup({ headRepoFullName: 'mallory/shop' });
    const run = await h.run('issue_comment', commentEvent(7, '/fix'));
    expect(run.code).toBe(0);
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.services.calls.checkoutCommit).toEqual([]);
    const reply = h.forge.commentsOn(7).filter((c) => c.author.isBot);
    expect(reply).toHaveLength(1);
    expect(reply[0]?.body).toContain('its branch lives in the fork `mallory/shop`');
  });

  it('refuses a closed pull request named by a dispatch', async () => {
    const { h } = setup({ state: 'closed', merged: true });
    const run = await h.run('workflow_dispatch', dispatchEvent({ pr: '7' }));
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.forge.commentsOn(7).filter((c) => c.author.isBot)[0]?.body).toContain('pull request #7 is merged');
  });

  it('reports a publish refusal because the head moved at push time', async () => {
    const { h } = setup();
    h.services.publishAnswer = {
      kind: 'refused',
      reason: 'head-moved',
      message: 'The head of #7 moved; nothing was pushed.',
      currentHeadSha: fakeSha('x'),
    };
    const run = await h.run('issue_comment', commentEvent(7, '/fix'));
    expect(run.code).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(h.forge.commentsOn(7).find((c) => c.author.isBot)?.body).toContain(
      '**Stopped while publishing.** The head of #7 moved; nothing was pushed.',
    );
  });
});
