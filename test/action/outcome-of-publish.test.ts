import { describe, expect, it } from 'vitest';
import { outcomeOfBundle, outcomeOfPublish } from '../../src/action/outcome-of-publish.ts';
import type { ActionOutcome } from '../../src/action/action-outcome.ts';
import type { PublishResult } from '../../src/core/publish/publish-types.ts';
import type { RiskAssessment } from '../../src/core/risk/assessment.ts';

const risk = (tier: RiskAssessment['tier']): RiskAssessment => ({ tier, files: [], overridesApplied: [] });
const change = { branch: 'greenlight/issue-3-x', commitSha: 'c'.repeat(40), risk: risk('medium'), gate: null };
const url = 'https://github.com/acme/shop/pull/9';

describe('outcomeOfPublish', () => {
  it.each<[string, string | null, PublishResult, ActionOutcome]>([
    [
      'opened',
      null,
      { ...change, kind: 'opened', prNumber: 9, prUrl: url },
      {
        kind: 'opened',
        pr: { number: 9, url },
        branch: change.branch,
        commitSha: change.commitSha,
        riskTier: 'medium',
        costUsd: 0.5,
      },
    ],
    [
      'updated',
      null,
      { ...change, kind: 'updated', prNumber: 9, prUrl: url },
      {
        kind: 'updated',
        pr: { number: 9, url },
        branch: change.branch,
        commitSha: change.commitSha,
        riskTier: 'medium',
        costUsd: 0.5,
      },
    ],
    [
      'pushed-fix',
      null,
      { ...change, kind: 'pushed-fix', prNumber: 9, prUrl: url, previousTier: 'low' },
      {
        kind: 'updated',
        pr: { number: 9, url },
        branch: change.branch,
        commitSha: change.commitSha,
        riskTier: 'medium',
        costUsd: 0.5,
      },
    ],
    [
      'pushed-branch',
      'The iteration budget (5) is spent.',
      { ...change, kind: 'pushed-branch', compareUrl: 'x', reason: 'gave up' },
      {
        kind: 'gave-up',
        reason: 'The iteration budget (5) is spent.',
        branch: change.branch,
        pr: null,
        riskTier: 'medium',
        costUsd: 0.5,
      },
    ],
    [
      'dry-run',
      null,
      { ...change, kind: 'dry-run' },
      { kind: 'dry-run', verified: true, riskTier: 'medium', costUsd: 0.5 },
    ],
    [
      'no-changes',
      'The model declined the task.',
      { kind: 'refused', reason: 'no-changes', message: 'nothing' },
      {
        kind: 'gave-up',
        reason: 'The model declined the task.',
        branch: null,
        pr: null,
        riskTier: 'low',
        costUsd: 0.5,
      },
    ],
    ['fork', null, { kind: 'refused', reason: 'fork', message: 'a fork' }, { kind: 'refused', reason: 'a fork' }],
    [
      'head-moved',
      null,
      { kind: 'refused', reason: 'head-moved', message: 'moved' },
      { kind: 'failed', what: 'publishing', why: 'moved' },
    ],
    [
      'forbidden-paths',
      null,
      { kind: 'refused', reason: 'forbidden-paths', message: 'workflows' },
      { kind: 'failed', what: 'publishing', why: 'workflows' },
    ],
  ])('%s', (_name, shortfall, result, expected) => {
    expect(outcomeOfPublish({ shortfall, costUsd: 0.5 }, result)).toEqual(expected);
  });

  it('reports a pull request that got an unverified change as gave-up, keeping the PR', () => {
    expect(
      outcomeOfPublish({ shortfall: 'budget', costUsd: 1 }, { ...change, kind: 'opened', prNumber: 9, prUrl: url }),
    ).toEqual({
      kind: 'gave-up',
      reason: 'budget',
      branch: change.branch,
      pr: { number: 9, url },
      riskTier: 'medium',
      costUsd: 1,
    });
  });
});

describe('outcomeOfBundle', () => {
  it('publishes a verified bundle', () => {
    expect(
      outcomeOfBundle({
        result: { ...change, kind: 'opened', prNumber: 9, prUrl: url },
        verified: true,
        costUsd: 1,
        reason: null,
      }),
    ).toEqual({ kind: 'published', pr: { number: 9, url }, branch: change.branch, riskTier: 'medium', verified: true });
  });

  it('publishes the work so far of a bundle that gave up as unverified', () => {
    expect(
      outcomeOfBundle({
        result: { ...change, kind: 'pushed-branch', compareUrl: 'x', reason: 'r' },
        verified: false,
        costUsd: 1,
        reason: 'budget',
      }),
    ).toEqual({ kind: 'published', pr: null, branch: change.branch, riskTier: 'medium', verified: false });
  });

  it('maps refusals like the single-job path', () => {
    expect(
      outcomeOfBundle({
        result: { kind: 'refused', reason: 'no-changes', message: 'empty' },
        verified: true,
        costUsd: 1,
        reason: null,
      }),
    ).toEqual({ kind: 'gave-up', reason: 'empty', branch: null, pr: null, riskTier: 'low', costUsd: 1 });
    expect(
      outcomeOfBundle({
        result: { kind: 'refused', reason: 'forbidden-paths', message: 'no' },
        verified: true,
        costUsd: 1,
        reason: null,
      }),
    ).toEqual({ kind: 'failed', what: 'publishing', why: 'no' });
  });
});
