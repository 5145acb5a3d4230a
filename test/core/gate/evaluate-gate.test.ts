import { describe, expect, it } from 'vitest';
import { defaultConfig, type TierReview } from '../../../src/core/config/repo-config.ts';
import { evaluateGate, type GateInput } from '../../../src/core/gate/evaluate-gate.ts';
import { gateCheckRun, GATE_CHECK_NAME } from '../../../src/core/gate/gate-check-run.ts';
import { isSpotChecked } from '../../../src/core/gate/is-spot-checked.ts';
import type { CollaboratorPermission, ReviewInfo, ReviewState } from '../../../src/ports/forge.ts';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const reviewConfig = defaultConfig().review;

const write: CollaboratorPermission = { permission: 'write', roleName: 'write' };
const maintain: CollaboratorPermission = { permission: 'write', roleName: 'maintain' };
const read: CollaboratorPermission = { permission: 'read', roleName: 'read' };

let nextId = 1;
function review(
  login: string,
  state: ReviewState,
  commitId = HEAD,
  minute = nextId,
  isBot = login.endsWith('[bot]'),
): ReviewInfo {
  const id = nextId++;
  return {
    id,
    user: { login, isBot },
    state,
    commitId,
    submittedAt: `2025-01-01T10:${String(minute).padStart(2, '0')}:00Z`,
  };
}

function gate(overrides: Partial<GateInput> & { reviews: ReviewInfo[] }): ReturnType<typeof evaluateGate> {
  return evaluateGate({
    tier: 'medium',
    review: reviewConfig.medium,
    headSha: HEAD,
    requesters: ['alice'],
    pushers: [],
    permissions: {
      alice: maintain,
      bob: maintain,
      carol: write,
      dave: read,
      'ci[bot]': write,
      'greenlight[bot]': write,
    },
    pullRequest: { repo: 'acme/shop', number: 7 },
    botLogin: 'greenlight[bot]',
    codeOwners: null,
    ...overrides,
  });
}

describe('evaluateGate (docs/security.md §21)', () => {
  it.each([
    ['requester approves', [review('alice', 'APPROVED')], 'pending'],
    ['a bot approves', [review('ci[bot]', 'APPROVED')], 'pending'],
    ['greenlight itself approves', [review('greenlight[bot]', 'APPROVED', HEAD, 1, false)], 'pending'],
    ['another maintainer approves', [review('bob', 'APPROVED')], 'success'],
    ['a writer approves', [review('carol', 'APPROVED')], 'success'],
    ['a reader approves', [review('dave', 'APPROVED')], 'pending'],
    ['someone with unknown permission approves', [review('erin', 'APPROVED')], 'pending'],
    ['approval on an older commit (a new push)', [review('bob', 'APPROVED', OLD)], 'pending'],
    [
      'changes requested after approval',
      [review('bob', 'APPROVED', HEAD, 1), review('bob', 'CHANGES_REQUESTED', HEAD, 2)],
      'pending',
    ],
    [
      'approval after changes requested',
      [review('bob', 'CHANGES_REQUESTED', HEAD, 1), review('bob', 'APPROVED', HEAD, 2)],
      'success',
    ],
    [
      'a comment after approval keeps the approval',
      [review('bob', 'APPROVED', HEAD, 1), review('bob', 'COMMENTED', HEAD, 2)],
      'success',
    ],
    ['a dismissed approval', [review('bob', 'DISMISSED')], 'pending'],
    ['a pending (unsubmitted) review', [review('bob', 'PENDING')], 'pending'],
    [
      'approval, but another writer requests changes',
      [review('bob', 'APPROVED'), review('carol', 'CHANGES_REQUESTED')],
      'pending',
    ],
    [
      'approval, and a reader requests changes',
      [review('bob', 'APPROVED'), review('dave', 'CHANGES_REQUESTED')],
      'success',
    ],
    [
      'approval, and the requester requests changes',
      [review('bob', 'APPROVED'), review('alice', 'CHANGES_REQUESTED')],
      'pending',
    ],
    ['no reviews', [], 'pending'],
  ])('medium: %s → %s', (_name, reviews, state) => {
    expect(gate({ reviews }).state).toBe(state);
  });

  it('orders by submission time, not by list order', () => {
    const reviews = [review('bob', 'CHANGES_REQUESTED', HEAD, 30), review('bob', 'APPROVED', HEAD, 10)];
    expect(gate({ reviews }).state).toBe('pending');
  });

  it('treats logins case-insensitively (requester, permissions)', () => {
    expect(gate({ reviews: [review('Alice', 'APPROVED')] }).state).toBe('pending');
    expect(gate({ reviews: [review('BOB', 'APPROVED')] }).approvedBy).toEqual(['BOB']);
  });

  it('excludes every requester', () => {
    expect(gate({ requesters: ['alice', 'bob'], reviews: [review('bob', 'APPROVED')] }).state).toBe('pending');
  });

  it('counts a custom role by its base permission', () => {
    const permissions = { bob: { permission: 'write' as const, roleName: 'release-manager' } };
    expect(gate({ permissions, reviews: [review('bob', 'APPROVED')] }).state).toBe('success');
  });

  it.each([
    ['low', 0, [], 'success'],
    ['medium', 1, [review('bob', 'APPROVED')], 'success'],
    ['high', 2, [review('bob', 'APPROVED')], 'pending'],
    ['high', 2, [review('bob', 'APPROVED'), review('carol', 'APPROVED')], 'success'],
  ] as const)('%s needs %i approval(s)', (tier, required, reviews, state) => {
    const result = gate({ tier, review: reviewConfig[tier], reviews: [...reviews] });
    expect({ required: result.required, state: result.state }).toEqual({ required, state });
  });

  it('explains what counts and what is missing', () => {
    const result = gate({
      tier: 'high',
      review: reviewConfig.high,
      reviews: [
        review('alice', 'APPROVED'),
        review('bob', 'APPROVED', OLD),
        review('carol', 'APPROVED'),
        review('ci[bot]', 'APPROVED'),
      ],
    });
    expect(result.title).toBe('Waiting for 1 more approval (1 of 2)');
    expect(result.summary.split('\n')).toEqual([
      '**Risk tier `high`**: needs 2 approvals on the latest commit (`aaaaaaa`) from people with write access other than the requester (@alice), not bots.',
      '',
      '| reviewer | standing review | counts |',
      '| --- | --- | --- |',
      '| @alice | approved on `aaaaaaa` | no: requested this change |',
      '| @bob | approved on `bbbbbbb` | no: approved an older commit (`bbbbbbb`); needs a new approval |',
      '| @carol | approved on `aaaaaaa` | yes |',
      '| @ci[bot] | approved on `aaaaaaa` | no: bot |',
      '',
      '**Missing:**',
      '- 1 more approval on `aaaaaaa` from someone with write access other than the requester (@alice).',
    ]);
  });

  it('names who requested changes', () => {
    const result = gate({ reviews: [review('bob', 'APPROVED'), review('carol', 'CHANGES_REQUESTED')] });
    expect(result.title).toBe('Changes requested by @carol');
    expect(result.summary).toContain(
      '- @carol requested changes: they must approve the latest commit, or their review must be dismissed.',
    );
  });

  it('says when no approval is needed', () => {
    const result = gate({ tier: 'low', review: reviewConfig.low, reviews: [] });
    expect(result).toMatchObject({
      state: 'success',
      title: 'No approval required for low risk',
      summary: '**Risk tier `low`**: no approval required.',
    });
  });
});

describe('evaluateGate: code owners (critical)', () => {
  const critical = { tier: 'critical' as const, review: reviewConfig.critical };
  const two = () => [review('bob', 'APPROVED'), review('carol', 'APPROVED')];

  it('passes with two approvals including a code owner', () => {
    expect(gate({ ...critical, codeOwners: { owners: ['@carol'] }, reviews: two() }).state).toBe('success');
  });

  it('waits for a code owner when the approvers are not owners', () => {
    const result = gate({ ...critical, codeOwners: { owners: ['@erin', '@acme/dba'] }, reviews: two() });
    expect(result).toMatchObject({ state: 'pending', title: "Waiting for a code owner's approval" });
    expect(result.summary).toContain('- An approval from a code owner of a changed file: @erin, @acme/dba.');
  });

  it('resolves team owners through teamMembers', () => {
    const codeOwners = { owners: ['@acme/dba'], teamMembers: { '@Acme/DBA': ['Bob'] } };
    expect(gate({ ...critical, codeOwners, reviews: two() }).state).toBe('success');
  });

  it('does not count a code owner who requested the change', () => {
    const result = gate({
      ...critical,
      codeOwners: { owners: ['@alice'] },
      reviews: [...two(), review('alice', 'APPROVED')],
    });
    expect(result.state).toBe('pending');
  });

  it.each([
    ['no CODEOWNERS at all', null],
    ['no owner for the changed files', { owners: [] }],
  ])('fails closed with %s', (_name, codeOwners) => {
    const result = gate({ ...critical, codeOwners, reviews: two() });
    expect(result).toMatchObject({ state: 'failure', title: 'No code owner for the changed files' });
    expect(result.summary).toContain('Add a rule for these paths to `.github/CODEOWNERS`.');
  });

  it('requires one code-owner approval even when approvals is 0', () => {
    const review: TierReview = { ...reviewConfig.low, requireCodeOwner: true };
    expect(gate({ tier: 'low', review, codeOwners: { owners: ['@carol'] }, reviews: [] })).toMatchObject({
      state: 'pending',
      required: 1,
    });
  });
});

describe('evaluateGate: low-medium spot check', () => {
  const lowMedium = { tier: 'low-medium' as const, review: reviewConfig['low-medium'] };
  const numbers = Array.from({ length: 400 }, (_, i) => i + 1);
  const picked = numbers.find((n) => isSpotChecked('acme/shop', n, 20)) ?? 0;
  const skipped = numbers.find((n) => !isSpotChecked('acme/shop', n, 20)) ?? 0;

  it('needs one approval on a selected pull request', () => {
    const result = gate({ ...lowMedium, pullRequest: { repo: 'acme/shop', number: picked }, reviews: [] });
    expect(result).toMatchObject({ state: 'pending', required: 1, spotChecked: true });
    expect(result.summary).toContain('selected for a spot check (20% of `low-medium` pull requests)');
    expect(
      gate({ ...lowMedium, pullRequest: { repo: 'acme/shop', number: picked }, reviews: [review('bob', 'APPROVED')] })
        .state,
    ).toBe('success');
  });

  it('needs nothing on an unselected pull request', () => {
    expect(gate({ ...lowMedium, pullRequest: { repo: 'acme/shop', number: skipped }, reviews: [] })).toMatchObject({
      state: 'success',
      required: 0,
      spotChecked: false,
    });
  });
});

describe('isSpotChecked', () => {
  it('is deterministic and case-insensitive in the repository name', () => {
    const picks = (repo: string) => Array.from({ length: 200 }, (_, i) => isSpotChecked(repo, i + 1, 20));
    expect(picks('Acme/Shop')).toEqual(picks('acme/shop'));
  });

  it('selects roughly the configured share', () => {
    const count = Array.from({ length: 5000 }, (_, i) => isSpotChecked('acme/shop', i + 1, 20)).filter(Boolean).length;
    expect(count).toBeGreaterThan(900);
    expect(count).toBeLessThan(1100);
  });

  it.each([
    [0, false],
    [100, true],
  ])('%i%% selects %s for every PR', (percent, expected) => {
    expect(
      Array.from({ length: 50 }, (_, i) => isSpotChecked('acme/shop', i + 1, percent)).every((v) => v === expected),
    ).toBe(true);
  });
});

describe('gateCheckRun', () => {
  const base = { title: 't', summary: 's', required: 1, approvedBy: [], spotChecked: false };
  it.each([
    ['success', { status: 'completed', conclusion: 'success', title: 't', summary: 's' }],
    ['failure', { status: 'completed', conclusion: 'failure', title: 't', summary: 's' }],
    ['pending', { status: 'in_progress', title: 't', summary: 's' }],
  ] as const)('%s', (state, fields) => {
    expect(gateCheckRun({ ...base, state })).toEqual(fields);
  });

  it('carries the details URL and the stable check name', () => {
    expect(gateCheckRun({ ...base, state: 'pending' }, 'https://x/run/1').detailsUrl).toBe('https://x/run/1');
    expect(GATE_CHECK_NAME).toBe('greenlight/review-gate');
  });
});
