// The review gate end to end over the in-memory forge, as the Action's gate mode and
// the App recompute it: docs/security.md §21 including "a new push → pending".
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { evaluateGate } from '../../../src/core/gate/evaluate-gate.ts';
import { gateCheckRun, GATE_CHECK_NAME } from '../../../src/core/gate/gate-check-run.ts';
import { loadGateInput } from '../../../src/core/gate/load-gate-input.ts';
import type { RiskTier } from '../../../src/core/risk/tier.ts';
import { FakeForge } from '../../fakes/fake-forge.ts';

const { review, gate, commit } = defaultConfig();
const identity = { name: commit.authorName, email: commit.authorEmail };

function setup() {
  const forge = new FakeForge()
    .setPermission('alice', 'write')
    .setPermission('bob', 'maintain')
    .setPermission('carol', 'admin')
    .setPermission('dave', 'read');
  const pr = forge.addPullRequest({
    author: { login: 'greenlight[bot]', isBot: true },
    labels: ['greenlight', 'risk:medium'],
    files: [{ path: 'db/migrations/002_add_index.sql', status: 'added', additions: 3, deletions: 0 }],
  });
  return { forge, pr };
}

async function recompute(forge: FakeForge, pr: number, tier: RiskTier = 'medium') {
  const input = await loadGateInput(forge, {
    pr,
    tier,
    review: review[tier],
    gate,
    identity,
    requesters: ['alice'],
    botLogin: 'greenlight[bot]',
  });
  const result = evaluateGate(input);
  await forge.createCheckRun({ name: GATE_CHECK_NAME, headSha: input.headSha, ...gateCheckRun(result) });
  return result;
}

describe('pushers do not count (docs/security.md §34)', () => {
  it('a maintainer pushes a commit and approves → pending; another maintainer approves → success', async () => {
    const { forge, pr } = setup();
    forge.addCommit(pr.number, null, { name: commit.authorName, email: commit.authorEmail }); // greenlight's own
    forge.addCommit(pr.number, 'bob');
    forge.addReview(pr.number, 'bob', 'APPROVED');
    const pending = await recompute(forge, pr.number);
    expect(pending).toMatchObject({ state: 'pending', title: 'Waiting for 1 more approval (0 of 1)' });
    expect(pending.summary).toMatch(/\| @bob \| approved on `\w{7}` \| no: pushed commits to the branch \(\w{7}\) \|/);
    expect(pending.summary).toContain(
      'from people with write access other than the requester (@alice) and those who pushed to its branch (@bob)',
    );
    forge.addReview(pr.number, 'carol', 'APPROVED');
    expect(await recompute(forge, pr.number)).toMatchObject({ state: 'success', approvedBy: ['carol'] });
  });

  it('a pusher who asks for changes still holds the gate', async () => {
    const { forge, pr } = setup();
    forge.addCommit(pr.number, 'bob');
    forge.addReview(pr.number, 'carol', 'APPROVED');
    forge.addReview(pr.number, 'bob', 'CHANGES_REQUESTED');
    expect(await recompute(forge, pr.number)).toMatchObject({ state: 'pending', title: 'Changes requested by @bob' });
  });

  it('with gate.excludePushers off, the commits are not even read and a pusher counts', async () => {
    const { forge, pr } = setup();
    forge.addCommit(pr.number, 'bob');
    forge.addReview(pr.number, 'bob', 'APPROVED');
    const input = await loadGateInput(forge, {
      pr: pr.number,
      tier: 'medium',
      review: review.medium,
      gate: { ...gate, excludePushers: false },
      identity,
      requesters: ['alice'],
      seenPushers: ['bob'],
      botLogin: 'greenlight[bot]',
    });
    expect(forge.callsOf('listPullRequestCommits')).toEqual([]);
    expect(evaluateGate(input).state).toBe('success');
  });
});

describe('review gate over the forge (docs/security.md §21)', () => {
  it('requester approves → pending; bot approves → pending; maintainer approves → success; a new push → pending', async () => {
    const { forge, pr } = setup();
    forge.addReview(pr.number, 'alice', 'APPROVED');
    expect((await recompute(forge, pr.number)).state).toBe('pending');
    forge.addReview(pr.number, 'ci[bot]', 'APPROVED');
    expect((await recompute(forge, pr.number)).state).toBe('pending');
    forge.addReview(pr.number, 'bob', 'APPROVED');
    expect((await recompute(forge, pr.number)).state).toBe('success');

    const newHead = forge.pushTo(pr.number);
    expect((await recompute(forge, pr.number)).state).toBe('pending');
    expect(forge.checkRunsOn(pr.headSha, GATE_CHECK_NAME).map((r) => r.status)).toEqual([
      'in_progress',
      'in_progress',
      'completed',
    ]);
    expect(forge.checkRunsOn(newHead, GATE_CHECK_NAME).map((r) => [r.status, r.fields.title])).toEqual([
      ['in_progress', 'Waiting for 1 more approval (0 of 1)'],
    ]);
  });

  it('asks the permission of human reviewers only, once each', async () => {
    const { forge, pr } = setup();
    forge.addReview(pr.number, 'bob', 'COMMENTED');
    forge.addReview(pr.number, 'bob', 'APPROVED');
    forge.addReview(pr.number, 'dependabot[bot]', 'APPROVED');
    const input = await loadGateInput(forge, {
      pr: pr.number,
      tier: 'medium',
      review: review.medium,
      gate: { excludePushers: true, requestCodeOwners: false },
      identity,
      requesters: [],
      botLogin: null,
    });
    expect(forge.callsOf('getPermission')).toEqual([['bob']]);
    expect(input.permissions).toEqual({ bob: { permission: 'write', roleName: 'maintain' } });
    // medium needs no code owner, and nobody asked to request their reviews
    expect(forge.callsOf('getFileOnDefaultBranch')).toEqual([]);
  });

  it('reads CODEOWNERS from the default branch for critical, and needs a code owner', async () => {
    const { forge, pr } = setup();
    forge.setFile('.github/CODEOWNERS', '* @carol\n/db/migrations/ @bob\n');
    forge.addReview(pr.number, 'carol', 'APPROVED');
    forge.addReview(pr.number, 'dave', 'APPROVED');
    forge.setPermission('erin', 'write');
    forge.addReview(pr.number, 'erin', 'APPROVED');
    expect(await recompute(forge, pr.number, 'critical')).toMatchObject({
      state: 'pending',
      title: "Waiting for a code owner's approval",
    });
    forge.addReview(pr.number, 'bob', 'APPROVED');
    expect((await recompute(forge, pr.number, 'critical')).state).toBe('success');
    expect(forge.callsOf('getFileOnDefaultBranch')[0]).toEqual(['.github/CODEOWNERS']);
  });

  it('fails closed for critical when there is no CODEOWNERS file', async () => {
    const { forge, pr } = setup();
    forge.addReview(pr.number, 'bob', 'APPROVED');
    forge.addReview(pr.number, 'carol', 'APPROVED');
    const result = await recompute(forge, pr.number, 'critical');
    expect(result.state).toBe('failure');
    expect(forge.callsOf('getFileOnDefaultBranch')).toEqual([
      ['.github/CODEOWNERS'],
      ['CODEOWNERS'],
      ['docs/CODEOWNERS'],
    ]);
    expect(forge.checkRunsOn(pr.headSha)[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('counts owners of a renamed file at its old path too', async () => {
    const { forge } = setup();
    const pr = forge.addPullRequest({
      files: [
        { path: 'lib/new.sql', previousPath: 'db/migrations/001.sql', status: 'renamed', additions: 0, deletions: 0 },
      ],
    });
    forge.setFile('CODEOWNERS', '/db/ @bob\n');
    const input = await loadGateInput(forge, {
      pr: pr.number,
      tier: 'critical',
      review: review.critical,
      gate,
      identity,
      requesters: [],
      botLogin: null,
    });
    expect(input.codeOwners).toEqual({ owners: ['@bob'] });
  });
});
