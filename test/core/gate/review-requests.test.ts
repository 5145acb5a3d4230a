/** Whom the gate asks to review: the tier's reviewers and the code owners, minus those whose approval would not count. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { evaluateGate, type GateInput } from '../../../src/core/gate/evaluate-gate.ts';
import { gateReviewRequests, reviewRequests } from '../../../src/core/gate/review-requests.ts';
import type { PullRequestInfo } from '../../../src/ports/forge.ts';

describe('reviewRequests', () => {
  it('joins configured users and teams with code owners, as logins and team slugs', () => {
    expect(
      reviewRequests({
        reviewers: ['@alice', 'bob'],
        teams: ['@acme/backend', 'qa'],
        codeOwners: ['@carol', '@acme/platform', 'ops@example.com', '@Alice'],
        exclude: [],
      }),
    ).toEqual({ reviewers: ['alice', 'bob', 'carol'], teams: ['backend', 'qa', 'platform'] });
  });

  it('never asks the excluded, the already asked, those who reviewed this head, or bots', () => {
    expect(
      reviewRequests({
        reviewers: ['alice', 'bob', 'carol', 'dave', 'helper[bot]'],
        teams: ['qa'],
        codeOwners: ['@erin'],
        exclude: ['ALICE'],
        requested: { reviewers: ['bob'], teams: ['QA'] },
        reviewedHead: ['carol'],
      }),
    ).toEqual({ reviewers: ['dave', 'erin'], teams: [] });
  });
});

describe('gateReviewRequests', () => {
  const { review, gate } = defaultConfig();
  const pr = {
    author: { login: 'greenlight[bot]', isBot: true },
    requestedReviewers: [],
  } as unknown as PullRequestInfo;
  const input: GateInput = {
    tier: 'medium',
    review: { ...review.medium, reviewers: ['alice', 'bob', 'carol'] },
    headSha: 'a'.repeat(40),
    requesters: ['alice'],
    pushers: [{ login: 'bob', why: 'pushed commits to the branch (aaaaaaa)' }],
    reviews: [],
    permissions: {},
    codeOwners: { owners: ['@dave'] },
    pullRequest: { repo: 'acme/shop', number: 7 },
    botLogin: 'greenlight[bot]',
  };

  it('asks only while the gate waits for approvals, leaving out requesters and pushers', () => {
    expect(gateReviewRequests(input, evaluateGate(input), pr, gate)).toEqual({
      reviewers: ['carol', 'dave'],
      teams: [],
    });
    expect(gateReviewRequests(input, evaluateGate(input), pr, { ...gate, requestCodeOwners: false }).reviewers).toEqual(
      ['carol'],
    );
    const low = { ...input, tier: 'low' as const, review: review.low };
    expect(gateReviewRequests(low, evaluateGate(low), pr, gate)).toEqual({ reviewers: [], teams: [] });
  });
});
