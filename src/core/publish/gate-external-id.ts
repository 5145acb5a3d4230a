/**
 * What the `greenlight/review-gate` check run remembers in its `externalId`: the tier
 * greenlight classified, who requested the change, and who pushed to its branch as
 * greenlight saw the pushes (the API does not say who pushed a commit). Only the check's creator can
 * write it, so the gate mode can trust it where labels and the PR body (which anyone
 * with triage or the PR's author can edit) would not do (see loadGateInput).
 */
import { RISK_TIERS, type RiskTier } from '../risk/tier.ts';

export interface GateMemo {
  tier: RiskTier;
  requesters: string[];
  /** Humans greenlight saw push to the head branch; absent when none. */
  pushers?: string[];
}

const VERSION = 1;

/** @example encodeGateMemo({ tier: 'medium', requesters: ['alice'] }) // '{"v":1,"tier":"medium","requesters":["alice"]}' */
export function encodeGateMemo(memo: GateMemo): string {
  const pushers = [...new Set(memo.pushers ?? [])];
  return JSON.stringify({
    v: VERSION,
    tier: memo.tier,
    requesters: [...new Set(memo.requesters)],
    ...(pushers.length > 0 ? { pushers } : {}),
  });
}

/** The memo in an `externalId`, or null when it is absent or not one of ours. */
export function parseGateMemo(externalId: string | null | undefined): GateMemo | null {
  if (externalId === null || externalId === undefined || externalId === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(externalId);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { v, tier, requesters, pushers } = value as Record<string, unknown>;
  if (v !== VERSION || typeof tier !== 'string' || !(RISK_TIERS as readonly string[]).includes(tier)) return null;
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((r): r is string => typeof r === 'string');
  if (!strings(requesters) || (pushers !== undefined && !strings(pushers))) return null;
  return { tier: tier as RiskTier, requesters, ...(pushers === undefined || pushers.length === 0 ? {} : { pushers }) };
}
