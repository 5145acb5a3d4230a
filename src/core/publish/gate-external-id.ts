/**
 * What the `greenlight/review-gate` check run remembers in its `externalId`: the tier
 * greenlight classified and who requested the change. Only the check's creator can
 * write it, so the gate mode can trust it where labels and the PR body (which anyone
 * with triage or the PR's author can edit) would not do (see loadGateInput).
 */
import { RISK_TIERS, type RiskTier } from '../risk/tier.ts';

export interface GateMemo {
  tier: RiskTier;
  requesters: string[];
}

const VERSION = 1;

/** @example encodeGateMemo({ tier: 'medium', requesters: ['alice'] }) // '{"v":1,"tier":"medium","requesters":["alice"]}' */
export function encodeGateMemo(memo: GateMemo): string {
  return JSON.stringify({ v: VERSION, tier: memo.tier, requesters: [...new Set(memo.requesters)] });
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
  const { v, tier, requesters } = value as Record<string, unknown>;
  if (v !== VERSION || typeof tier !== 'string' || !(RISK_TIERS as readonly string[]).includes(tier)) return null;
  if (!Array.isArray(requesters) || !requesters.every((r): r is string => typeof r === 'string')) return null;
  return { tier: tier as RiskTier, requesters };
}
