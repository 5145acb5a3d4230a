import { describe, expect, it } from 'vitest';
import { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { reviewPlan } from '../../../src/core/publish/review-plan.ts';
import type { RiskTier } from '../../../src/core/risk/tier.ts';

const config = RepoConfig.parse({
  review: {
    low: { autoMerge: true, reviewers: ['lowrev'] },
    medium: { reviewers: ['@alice', 'bob', 'Alice'], teams: ['@acme/backend', 'qa'] },
    high: { reviewers: ['carol'], teams: ['platform'] },
    critical: { reviewers: ['dave'] },
  },
});

describe('reviewPlan', () => {
  it.each<[RiskTier, number, { draft: boolean; reviewers: string[]; teams: string[]; autoMerge: boolean }]>([
    ['low', 0, { draft: false, reviewers: [], teams: [], autoMerge: true }],
    ['low-medium', 0, { draft: false, reviewers: [], teams: [], autoMerge: false }],
    ['medium', 1, { draft: false, reviewers: ['alice', 'bob'], teams: ['backend', 'qa'], autoMerge: false }],
    ['high', 2, { draft: true, reviewers: ['carol'], teams: ['platform'], autoMerge: false }],
    ['critical', 2, { draft: true, reviewers: ['dave'], teams: [], autoMerge: false }],
  ])('%s (required %i)', (tier, required, plan) => {
    expect(reviewPlan(tier, config.review, { required, exclude: [] })).toEqual(plan);
  });

  it('asks for reviews on a spot-checked low pull request and does not auto-merge it', () => {
    expect(reviewPlan('low', config.review, { required: 1, exclude: [] })).toEqual({
      draft: false,
      reviewers: ['lowrev'],
      teams: [],
      autoMerge: false,
    });
  });

  it('never asks the requester or the bot (their approval does not count)', () => {
    expect(
      reviewPlan('medium', config.review, { required: 1, exclude: ['ALICE', 'greenlight[bot]'] }).reviewers,
    ).toEqual(['bob']);
  });
});
