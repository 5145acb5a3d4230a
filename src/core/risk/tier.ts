/** The five ordered risk tiers (README.md "Risk tiers"). */
export const RISK_TIERS = ['low', 'low-medium', 'medium', 'high', 'critical'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** Index of a tier in the order; higher is riskier. */
export function tierRank(tier: RiskTier): number {
  return RISK_TIERS.indexOf(tier);
}

/** The riskier of two tiers. */
export function maxTier(a: RiskTier, b: RiskTier): RiskTier {
  return tierRank(a) >= tierRank(b) ? a : b;
}
