/**
 * Puts `greenlight` and `risk:<tier>` on a pull request, creating the labels when the
 * repository lacks them, and takes off any other `risk:` label so that a re-run or a
 * `/fix` whose tier changed (up or down) shows only the current one.
 */
import { GREENLIGHT_LABEL, greenlightLabels, riskLabel } from '../../core/github/greenlight-labels.ts';
import type { RiskTier } from '../../core/risk/tier.ts';
import type { Forge } from '../../ports/forge.ts';

export async function applyRiskLabels(
  forge: Forge,
  prNumber: number,
  tier: RiskTier,
  currentLabels: readonly string[],
): Promise<void> {
  await forge.ensureLabels(greenlightLabels());
  const wanted = riskLabel(tier);
  for (const label of currentLabels) {
    if (/^risk:/i.test(label) && label.toLowerCase() !== wanted) await forge.removeLabel(prNumber, label);
  }
  await forge.addLabels(prNumber, [GREENLIGHT_LABEL, wanted]);
}
