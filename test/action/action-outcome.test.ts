import { describe, expect, it } from 'vitest';
import { actionOutputs, exitCodeOf, OUTPUT_NAMES, type ActionOutcome } from '../../src/action/action-outcome.ts';

const pr = { number: 12, url: 'https://github.com/acme/shop/pull/12' };

describe('actionOutputs', () => {
  it('sets every declared output, empty when it does not apply', () => {
    const out = actionOutputs({ kind: 'skipped', reason: 'not a greenlight event' }, '/tmp/audit.jsonl');
    expect(Object.keys(out).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(out).toEqual({
      outcome: 'skipped',
      pr_number: '',
      pr_url: '',
      branch: '',
      risk_tier: '',
      cost_usd: '',
      bundle_path: '',
      audit_log: '/tmp/audit.jsonl',
      evidence: '',
    });
    expect(actionOutputs({ kind: 'skipped', reason: 'x' }, null, '/tmp/greenlight-evidence.json').evidence).toBe(
      '/tmp/greenlight-evidence.json',
    );
  });

  it.each<[ActionOutcome, Partial<Record<string, string>>]>([
    [
      { kind: 'opened', pr, branch: 'greenlight/issue-3-x', riskTier: 'medium', costUsd: 0.123456 },
      {
        outcome: 'opened',
        pr_number: '12',
        pr_url: pr.url,
        branch: 'greenlight/issue-3-x',
        risk_tier: 'medium',
        cost_usd: '0.1235',
      },
    ],
    [
      {
        kind: 'gave-up',
        reason: 'iteration budget',
        branch: 'greenlight/issue-3-x',
        pr: null,
        riskTier: 'low',
        costUsd: 1,
      },
      { outcome: 'gave-up', pr_number: '', branch: 'greenlight/issue-3-x', risk_tier: 'low', cost_usd: '1.0000' },
    ],
    [
      { kind: 'bundled', bundlePath: '/tmp/bundle', verified: true, riskTier: 'high', costUsd: 0 },
      { outcome: 'bundled', bundle_path: '/tmp/bundle', risk_tier: 'high', cost_usd: '0.0000' },
    ],
    [
      { kind: 'gated', pr, riskTier: 'critical', state: 'pending', title: 'Waiting' },
      { outcome: 'gated', pr_number: '12', risk_tier: 'critical', cost_usd: '' },
    ],
    [
      { kind: 'published', pr: null, branch: 'b', riskTier: 'low', verified: false },
      { outcome: 'published', branch: 'b', pr_url: '' },
    ],
    [
      { kind: 'dry-run', verified: true, riskTier: 'low', costUsd: Number.NaN },
      { outcome: 'dry-run', cost_usd: '' },
    ],
  ])('maps %j', (outcome, expected) => {
    expect(actionOutputs(outcome, null)).toMatchObject({ ...expected, audit_log: '' });
  });
});

describe('exitCodeOf', () => {
  it.each<[ActionOutcome, number]>([
    [{ kind: 'skipped', reason: '' }, 0],
    [{ kind: 'refused', reason: '' }, 0],
    [{ kind: 'failed', what: 'x', why: 'y' }, 1],
    [{ kind: 'opened', pr, branch: 'b', riskTier: 'low', costUsd: 0 }, 0],
    [{ kind: 'gave-up', reason: '', branch: null, pr: null, riskTier: 'low', costUsd: 0 }, 1],
    [{ kind: 'bundled', bundlePath: 'x', verified: false, riskTier: 'low', costUsd: 0 }, 0],
    [{ kind: 'dry-run', verified: false, riskTier: 'low', costUsd: 0 }, 1],
    [{ kind: 'published', pr, branch: 'b', riskTier: 'low', verified: true }, 0],
    [{ kind: 'published', pr: null, branch: 'b', riskTier: 'low', verified: false }, 1],
    [{ kind: 'gated', pr, riskTier: 'low', state: 'pending', title: '' }, 0],
  ])('%j → %i', (outcome, code) => {
    expect(exitCodeOf(outcome)).toBe(code);
  });
});
