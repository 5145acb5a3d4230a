import { describe, expect, it } from 'vitest';
import { GATE_CHECK_NAME } from '../../src/core/gate/gate-check-run.ts';
import { encodeGateMemo, parseGateMemo } from '../../src/core/publish/gate-external-id.ts';
import { GreenlightError } from '../../src/ports/errors.ts';
import { dispatchEvent, harness, pushEvent, reviewEvent, RUN_URL } from './harness.ts';

/** A greenlight pull request whose head carries the gate memo the publisher wrote (requested by alice). */
function setup(tier: 'low' | 'medium' | 'high' = 'medium') {
  const h = harness();
  h.forge.setPermission('alice', 'write').setPermission('bob', 'write').setPermission('carol', 'read');
  const pr = h.forge.addPullRequest({
    number: 9,
    author: { login: 'github-actions[bot]', isBot: true },
    headRef: 'greenlight/issue-3-x',
    labels: ['greenlight', `risk:${tier}`],
  });
  h.forge.checkRuns.push({
    id: 1,
    name: GATE_CHECK_NAME,
    headSha: pr.headSha,
    status: 'in_progress',
    conclusion: null,
    appId: 1,
    externalId: encodeGateMemo({ tier, requesters: ['alice'] }),
    fields: { status: 'in_progress', title: 'Waiting', summary: '' },
    history: [],
  });
  h.services.classification = { tier, files: [], overridesApplied: [] };
  return { h, pr };
}

const gate = (h: ReturnType<typeof harness>, sha: string) => h.forge.checkRunsOn(sha, GATE_CHECK_NAME).at(-1);

describe('Action runner: review gate (docs/security.md §21)', () => {
  it("the requester's approval does not count; a maintainer's does", async () => {
    const { h, pr } = setup();
    h.forge.addReview(9, 'alice', 'APPROVED');
    let run = await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'gated', pr_number: '9', risk_tier: 'medium' });
    expect(gate(h, pr.headSha)?.fields).toMatchObject({
      status: 'in_progress',
      title: 'Waiting for 1 more approval (0 of 1)',
      detailsUrl: RUN_URL,
    });
    expect(gate(h, pr.headSha)?.fields.summary).toContain('| @alice | approved on');
    expect(h.forge.checkRunsOn(pr.headSha, GATE_CHECK_NAME)).toHaveLength(1);

    h.forge.addReview(9, 'bob', 'APPROVED');
    run = await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(gate(h, pr.headSha)?.fields).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      title: 'Approved (1 of 1)',
    });
    expect(parseGateMemo(gate(h, pr.headSha)?.externalId)).toEqual({ tier: 'medium', requesters: ['alice'] });
    expect(h.services.calls.runJob).toEqual([]);
    expect(run.summary).toContain('Review gate: Approved (1 of 1).');
  });

  it.each([
    ['a bot', 'renovate[bot]', 'APPROVED' as const],
    ['a reader', 'carol', 'APPROVED' as const],
  ])('an approval from %s does not count', async (_name, login, state) => {
    const { h, pr } = setup();
    h.forge.addReview(9, login, state);
    await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(gate(h, pr.headSha)?.fields.status).toBe('in_progress');
  });

  it('a new push makes earlier approvals stale, keeping the requester from the previous head', async () => {
    const { h, pr } = setup();
    h.forge.addReview(9, 'bob', 'APPROVED');
    const after = h.forge.pushTo(9);
    await h.run('pull_request', pushEvent(9, pr.headSha, after));
    const check = gate(h, after);
    expect(check?.fields.status).toBe('in_progress');
    expect(check?.fields.summary).toContain('approved an older commit');
    // The push's sender (the example payload's Codertocat) is remembered as a pusher.
    expect(parseGateMemo(check?.externalId)).toEqual({
      tier: 'medium',
      requesters: ['alice'],
      pushers: ['Codertocat'],
    });
    expect(h.services.calls.classifyPullRequest).toEqual([{ headSha: after, baseRef: 'main' }]);

    h.forge.addReview(9, 'alice', 'APPROVED');
    await h.run('pull_request_review', reviewEvent(9, after));
    expect(gate(h, after)?.fields.status).toBe('in_progress');
  });

  it('takes the tier from its own classification, not the labels, and fixes the label', async () => {
    const { h, pr } = setup('medium');
    h.services.classification = { tier: 'critical', files: [], overridesApplied: [] };
    h.forge.setFile('.github/CODEOWNERS', '* @bob\n');
    h.forge.pullRequestFiles.set(9, [{ path: 'db/migrations/0002.sql', status: 'added', additions: 1, deletions: 0 }]);
    h.forge.addReview(9, 'bob', 'APPROVED');
    const run = await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(run.outputs['risk_tier']).toBe('critical');
    expect(gate(h, pr.headSha)?.fields.title).toBe('Waiting for 1 more approval (1 of 2)');
    expect(h.forge.pullRequests.get(9)?.labels).toEqual(['greenlight', 'risk:critical']);
  });

  it('fails closed to critical when the diff cannot be classified', async () => {
    const { h, pr } = setup('low');
    h.services.classification = new GreenlightError('git', 'no merge base. Check out with fetch-depth: 0.');
    await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    const check = gate(h, pr.headSha);
    expect(check?.fields.summary).toContain(
      'greenlight could not classify the diff (no merge base. Check out with fetch-depth: 0.), so it treats the change as `critical`.',
    );
    expect(parseGateMemo(check?.externalId)?.tier).toBe('critical');
  });

  it('fails closed when no memo says who requested the change', async () => {
    const h = harness();
    h.forge.setPermission('bob', 'write');
    const pr = h.forge.addPullRequest({ number: 9, labels: ['greenlight'] });
    h.forge.addReview(9, 'bob', 'APPROVED');
    await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(gate(h, pr.headSha)?.fields).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      title: 'Requester unknown: the review gate cannot pass',
    });
  });

  it('never counts a human author of the pull request', async () => {
    const { h, pr } = setup('medium');
    h.forge.pullRequests.set(9, { ...pr, author: { login: 'bob', isBot: false } });
    h.forge.addReview(9, 'bob', 'APPROVED');
    await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(gate(h, pr.headSha)?.fields.status).toBe('in_progress');
  });

  it('ignores pull requests greenlight does not look after', async () => {
    const { h, pr } = setup();
    const run = await h.run('pull_request_review', reviewEvent(9, pr.headSha, ['bug']));
    expect(run.outputs['outcome']).toBe('skipped');
    expect(h.forge.callsOf('updateCheckRun')).toEqual([]);
  });

  it('recomputes on a dispatch in gate mode', async () => {
    const { h, pr } = setup();
    h.forge.addReview(9, 'bob', 'APPROVED');
    const run = await h.run('workflow_dispatch', dispatchEvent({ pr: '9', head_sha: pr.headSha }), {
      inputs: { mode: 'gate' },
    });
    expect(run.outputs['outcome']).toBe('gated');
    expect(gate(h, pr.headSha)?.fields.conclusion).toBe('success');
  });

  it('puts a failing check on the head when the config is invalid', async () => {
    const { h, pr } = setup();
    h.forge.setFile('.github/greenlight.yml', 'review:\n  medium:\n    approvals: many\n');
    const run = await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(run.code).toBe(1);
    expect(gate(h, pr.headSha)?.fields).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      title: '.github/greenlight.yml is invalid',
    });
    expect(gate(h, pr.headSha)?.fields.summary).toContain('`review.medium.approvals`');
  });
});

describe('Action runner: pushers do not count (docs/security.md §34)', () => {
  it('a maintainer pushes a commit and approves → pending; another maintainer approves → success', async () => {
    const { h, pr } = setup();
    h.forge.setPermission('dave', 'maintain');
    const pushed = h.forge.addCommit(9, 'bob');
    const push = pushEvent(9, pr.headSha, pushed.sha);
    push.sender = { ...push.sender, login: 'bob', type: 'User' };
    await h.run('pull_request', push);
    expect(parseGateMemo(gate(h, pushed.sha)?.externalId)?.pushers).toEqual(['bob']);

    h.forge.addReview(9, 'bob', 'APPROVED');
    await h.run('pull_request_review', reviewEvent(9, pushed.sha));
    const check = gate(h, pushed.sha);
    expect(check?.fields).toMatchObject({ status: 'in_progress', title: 'Waiting for 1 more approval (0 of 1)' });
    expect(check?.fields.summary).toContain(
      `**Not counted, because they pushed to this pull request's branch:** @bob (pushed commits to the branch (${pushed.sha.slice(0, 7)})).`,
    );

    h.forge.addReview(9, 'dave', 'APPROVED');
    await h.run('pull_request_review', reviewEvent(9, pushed.sha));
    expect(gate(h, pushed.sha)?.fields).toMatchObject({ status: 'completed', conclusion: 'success' });
    // The memo keeps the pusher for every later evaluation of this head.
    expect(parseGateMemo(gate(h, pushed.sha)?.externalId)).toEqual({
      tier: 'medium',
      requesters: ['alice'],
      pushers: ['bob'],
    });
  });

  it("asks the tier's reviewers and the code owners, but not the requester or a pusher, and only once", async () => {
    const { h, pr } = setup();
    h.forge.setFile(
      '.github/greenlight.yml',
      'review:\n  medium:\n    reviewers: [alice, bob, frank]\n    teams: [qa]\n',
    );
    h.forge.setFile('.github/CODEOWNERS', '* @grace @acme/platform\n');
    h.forge.pullRequestFiles.set(9, [{ path: 'src/app.ts', status: 'modified', additions: 1, deletions: 0 }]);
    h.forge.addCommit(9, 'bob', { sha: pr.headSha });
    await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(h.forge.reviewRequests).toEqual([{ pr: 9, reviewers: ['frank', 'grace'], teams: ['qa', 'platform'] }]);
    await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(h.forge.reviewRequests).toHaveLength(1);
  });

  it('a refused review request is logged; the gate is still written', async () => {
    const { h, pr } = setup();
    h.forge.setFile('.github/greenlight.yml', 'review:\n  medium:\n    reviewers: [frank]\n');
    h.forge.failNext(
      'requestReviewers',
      new GreenlightError('github', 'Reviews may only be requested from collaborators.'),
    );
    const run = await h.run('pull_request_review', reviewEvent(9, pr.headSha));
    expect(run.code).toBe(0);
    expect(gate(h, pr.headSha)?.fields.title).toBe('Waiting for 1 more approval (0 of 1)');
    expect(run.lines.join('\n')).toContain(
      'could not ask @frank to review #9: Reviews may only be requested from collaborators.',
    );
  });
});
