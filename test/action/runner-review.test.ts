import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/core/job.ts';
import { harness, reviewEvent } from './harness.ts';
import { jobResult } from './job-result.ts';

const DIFF = [
  'diff --git a/src/calc.js b/src/calc.js',
  '--- a/src/calc.js',
  '+++ b/src/calc.js',
  '@@ -3,1 +3,1 @@',
  '-  return value;',
  '+  return Math.min(Math.max(value, lower), upper);',
  '',
].join('\n');

function setup() {
  const h = harness();
  h.forge.setPermission('bob', 'write');
  h.forge.setPermission('carol', 'read');
  const pr = h.forge.addPullRequest({
    number: 7,
    title: 'feat: clamp',
    headRef: 'greenlight/issue-3-clamp',
    labels: ['greenlight', 'risk:medium'],
    author: { login: 'github-actions[bot]', isBot: true },
  });
  const first = h.forge.addReviewComment(7, 31, { id: 101, path: 'src/calc.js', line: 3, body: 'Name the bounds.' });
  h.forge.addReviewComment(7, 31, {
    id: 102,
    path: 'src/money.js',
    line: 8,
    startLine: 6,
    body: 'Round half up here.',
  });
  h.forge.addReviewComment(7, 31, { id: 103, path: 'src/calc.js', line: 3, inReplyTo: 101, body: 'Also below.' });
  h.forge.addReviewComment(7, 99, { id: 201, path: 'src/other.js', body: 'Another review.' });
  const job: JobResult = {
    ...jobResult('succeeded', 'medium'),
    reviewClaims: [
      { id: 101, claim: { addressed: true, summary: 'Renamed min/max to lower/upper.', files: [] } },
      { id: 102, claim: { addressed: false, summary: 'Rounding is decided elsewhere.', files: [] } },
    ],
  };
  job.outcome = { ...(job.outcome as Extract<JobResult['outcome'], { kind: 'succeeded' }>), diff: DIFF };
  h.services.job = job;
  return { h, pr, first };
}

function review(head: string, state = 'changes_requested', body: string | null = 'A few things.', user = 'bob') {
  const payload = reviewEvent(7, head);
  payload.review.id = 31;
  payload.review.state = state;
  payload.review.body = body;
  payload.review.user = { ...payload.review.user, login: user, type: 'User' };
  payload.sender = { ...payload.sender, login: user, type: 'User' };
  return payload;
}

describe('Action runner: a review requesting changes', () => {
  it('fixes every comment of the review in one commit, replies in each thread and lists them in the progress comment', async () => {
    const { h, pr } = setup();
    const run = await h.run('pull_request_review', review(pr.headSha));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'updated', pr_number: '7' });
    const task = h.services.calls.runJob[0]?.task;
    expect(task?.instruction).toBe('A few things.');
    expect(task?.requester).toBe('bob');
    expect(task?.reviewThreads?.map((t) => [t.id, t.path, t.startLine, t.line, t.body])).toEqual([
      [101, 'src/calc.js', null, 3, 'Name the bounds.'],
      [102, 'src/money.js', 6, 8, 'Round half up here.'],
      [103, 'src/calc.js', null, 3, 'Also below.'],
    ]);
    expect(h.services.calls.publishFix).toHaveLength(1);
    expect(h.services.calls.publishFix[0]).toMatchObject({
      origin: { kind: 'review', reviewId: 31 },
      requester: { login: 'bob' },
    });

    const replies = h.forge.reviewReplies;
    expect(replies.map((r) => r.inReplyTo)).toEqual([101, 102, 101]);
    expect(replies[0]?.body).toContain('✅ Addressed in [`');
    expect(replies[0]?.body).toContain('it changes the commented lines of `src/calc.js`');
    expect(replies[1]?.body).toContain('⚠️ Not addressed in');
    expect(replies[1]?.body).toContain('`Rounding is decided elsewhere.`');
    expect(replies[2]?.body).toContain('`the model did not report on this comment`');

    const progress = h.forge.commentsOn(7).find((c) => c.author.isBot)?.body ?? '';
    expect(progress).toContain('### ✅ greenlight — review of pull request #7');
    expect(progress).toContain('**Review comments:** 1 of 3 addressed.');
    expect(progress).toContain(
      '- ⚠️ [comment](https://github.com/acme/shop/pull/7#discussion_r102) on `src/money.js` lines 6–8: not done',
    );
    // The list of comments comes before the outcome; the evidence record is the comment's last part.
    const evidenceAt = progress.indexOf('### Evidence');
    expect(progress.indexOf('**Review comments:**')).toBeLessThan(evidenceAt);
    expect(progress.slice(evidenceAt)).not.toContain('**Review comments:**');
    expect(h.forge.reactions).toEqual([{ target: { kind: 'issue', number: 7 }, content: 'eyes' }]);
  });

  it('does not reply when nothing was pushed; the progress comment says why for each', async () => {
    const { h, pr } = setup();
    h.services.job = { ...jobResult('gave-up', 'medium'), reviewClaims: [] };
    h.services.publishAnswer = {
      kind: 'pushed-branch',
      branch: 'greenlight/fix-pr-7-wip',
      commitSha: 'e'.repeat(40),
      risk: { tier: 'medium', files: [], overridesApplied: [] },
      gate: null,
      compareUrl: 'https://github.com/acme/shop/compare/a...b',
      reason: 'The iteration budget (5 rounds) is spent.',
    };
    const run = await h.run('pull_request_review', review(pr.headSha));
    expect(run.outputs['outcome']).toBe('gave-up');
    expect(h.forge.reviewReplies).toEqual([]);
    const progress = h.forge.commentsOn(7).find((c) => c.author.isBot)?.body ?? '';
    expect(progress).toContain('**Review comments:** 0 of 3 addressed.');
    expect(progress).toContain('not done — `no commit was pushed: The iteration budget (5 rounds) is spent.`');
  });

  it('starts on a comment review whose body is the fix command, and not on an approval', async () => {
    const { h, pr } = setup();
    await h.run('pull_request_review', review(pr.headSha, 'commented', '/fix please'));
    expect(h.services.calls.runJob[0]?.task.instruction).toBe('please');
    const approval = await h.run('pull_request_review', review(pr.headSha, 'approved', 'LGTM'));
    expect(approval.outputs['outcome']).not.toBe('updated');
    expect(h.services.calls.runJob).toHaveLength(1);
  });

  it('refuses a reviewer without write access, with no model call', async () => {
    const { h, pr } = setup();
    const run = await h.run('pull_request_review', review(pr.headSha, 'changes_requested', 'x', 'carol'));
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.forge.reviewReplies).toEqual([]);
  });

  it('stops before any work when the pull request moved on since the review (docs/security.md §4)', async () => {
    const { h, pr } = setup();
    h.forge.pushTo(7);
    const run = await h.run('pull_request_review', review(pr.headSha));
    expect(run.outputs['outcome']).toBe('failed');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.forge.commentsOn(7).find((c) => c.author.isBot)?.body).toContain(`(the reviewed commit) to \``);
    expect(h.forge.commentsOn(7).find((c) => c.author.isBot)?.body).toContain('review the new head');
  });

  it('stops, saying so, on a review with neither comments nor text: there is nothing to address', async () => {
    const { h, pr } = setup();
    h.forge.reviewComments.set(7, []);
    const run = await h.run('pull_request_review', review(pr.headSha, 'changes_requested', null));
    expect(run.outputs['outcome']).toBe('failed');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.forge.commentsOn(7).find((c) => c.author.isBot)?.body).toContain(
      'review 31 has no comments and no text: there is nothing to address.',
    );
  });

  it('leaves a review requesting changes alone with trigger.fixOnChangesRequested: false', async () => {
    const { h, pr } = setup();
    h.forge.setFile('.github/greenlight.yml', 'trigger:\n  fixOnChangesRequested: false\n');
    await h.run('pull_request_review', review(pr.headSha));
    expect(h.services.calls.runJob).toEqual([]);
  });
});
