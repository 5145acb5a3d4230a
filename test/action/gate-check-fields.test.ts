import { describe, expect, it } from 'vitest';
import { findGateMemo, gateCheckFields, invalidConfigCheckFields } from '../../src/action/gate-check-fields.ts';
import { parseConfig } from '../../src/core/config/parse-config.ts';
import type { GateResult } from '../../src/core/gate/evaluate-gate.ts';
import { encodeGateMemo, parseGateMemo } from '../../src/core/publish/gate-external-id.ts';
import type { CheckRunInfo } from '../../src/ports/forge.ts';

const run = (id: number, externalId: string | null): CheckRunInfo => ({
  id,
  name: 'greenlight/review-gate',
  headSha: 'a'.repeat(40),
  status: 'completed',
  conclusion: 'success',
  externalId,
  appId: 1,
});
const result = (state: GateResult['state']): GateResult => ({
  state,
  title: 'Waiting for 1 more approval (0 of 1)',
  summary: 'Summary.',
  required: 1,
  approvedBy: [],
  spotChecked: false,
});

describe('findGateMemo', () => {
  it('takes the newest run with a greenlight memo, skipping others', () => {
    const runs = [
      run(3, null),
      run(2, 'someone-elses-id'),
      run(1, encodeGateMemo({ tier: 'low', requesters: ['alice'] })),
      run(0, encodeGateMemo({ tier: 'low', requesters: ['bob'] })),
    ];
    expect(findGateMemo(runs)).toEqual({ tier: 'low', requesters: ['alice'] });
    expect(findGateMemo([run(1, null)])).toBeNull();
  });
});

describe('gateCheckFields', () => {
  it('maps the decision and carries the memo forward with the new tier', () => {
    const fields = gateCheckFields({
      result: result('pending'),
      tier: 'medium',
      requesters: ['alice'],
      detailsUrl: 'https://x/run',
    });
    expect(fields).toEqual({
      status: 'in_progress',
      title: result('pending').title,
      summary: 'Summary.',
      detailsUrl: 'https://x/run',
      externalId: encodeGateMemo({ tier: 'medium', requesters: ['alice'] }),
    });
    expect(parseGateMemo(fields.externalId)).toEqual({ tier: 'medium', requesters: ['alice'] });
  });

  it('adds notes that made the decision stricter', () => {
    const fields = gateCheckFields({
      result: result('success'),
      tier: 'critical',
      requesters: [],
      notes: ['could not classify'],
    });
    expect(fields.conclusion).toBe('success');
    expect(fields.summary).toBe('Summary.\n\n**Note:**\n- could not classify');
  });

  it('fails closed without a requester memo, and writes none', () => {
    const fields = gateCheckFields({ result: result('success'), tier: 'low', requesters: null });
    expect(fields).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      title: 'Requester unknown: the review gate cannot pass',
    });
    expect(fields.summary).toContain('no record of who requested this change');
    expect(fields.externalId).toBeUndefined();
  });
});

describe('invalidConfigCheckFields', () => {
  it('fails the gate and lists every problem of the config it follows', () => {
    const parsed = parseConfig('review:\n  low:\n    approvals: many\n');
    if (parsed.ok) throw new Error('expected an invalid config');
    const fields = invalidConfigCheckFields({
      configPath: '.github/greenlight.yml',
      defaultBranch: 'main',
      errors: parsed.errors,
      detailsUrl: 'https://github.com/acme/shop/actions/runs/1',
    });
    expect(fields).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      title: '.github/greenlight.yml is invalid',
      detailsUrl: 'https://github.com/acme/shop/actions/runs/1',
    });
    expect(fields.summary).toContain('review settings of `.github/greenlight.yml` on `main`, which is invalid:');
    expect(fields.summary).toMatch(/- line 3: `review\.low\.approvals` /);
  });
});
