/**
 * The labels greenlight uses: the trigger label (`ai-generate` by default) that a person
 * puts on an issue to ask for a change, and the ones greenlight puts on its pull
 * requests: `greenlight` marks a PR the review gate looks after, `risk:<tier>` shows its
 * tier, `greenlight:needs-human` says that CI repair stopped and a person must look.
 * Colours go from green (low) to red (critical) so that a PR list reads at a glance.
 * The Action creates the ones it applies on first use; `greenlight init --labels`
 * creates all of them up front (README "greenlight init").
 */
import type { LabelSpec } from '../../ports/forge.ts';
import { RISK_TIERS, type RiskTier } from '../risk/tier.ts';

export const GREENLIGHT_LABEL = 'greenlight';

/** Put on a greenlight pull request whose CI greenlight stopped repairing; removing it allows repairs again. */
export const NEEDS_HUMAN_LABEL = 'greenlight:needs-human';

export const NEEDS_HUMAN_LABEL_SPEC: LabelSpec = {
  name: NEEDS_HUMAN_LABEL,
  color: 'e99695',
  description: 'greenlight stopped repairing CI on this pull request: a human is needed',
};

const TIER_COLORS: Record<RiskTier, string> = {
  low: '0e8a16',
  'low-medium': '5ebd3e',
  medium: 'fbca04',
  high: 'd93f0b',
  critical: 'b60205',
};

/** `risk:<tier>`. */
export function riskLabel(tier: RiskTier): string {
  return `risk:${tier}`;
}

/**
 * Every label greenlight may apply, for `Forge.ensureLabels`: created together on first
 * use, so that `greenlight:needs-human` exists before a person wants to put it on a pull
 * request by hand (which stops CI repair on it).
 */
export function greenlightLabels(): LabelSpec[] {
  return [
    {
      name: GREENLIGHT_LABEL,
      color: '1d76db',
      description: 'Opened or updated by greenlight; guarded by the review gate',
    },
    NEEDS_HUMAN_LABEL_SPEC,
    ...RISK_TIERS.map((tier) => ({
      name: riskLabel(tier),
      color: TIER_COLORS[tier],
      description: `greenlight risk tier: ${tier}`,
    })),
  ];
}

/** The label that starts a run (`trigger.label`); it must exist before anyone can put it on an issue. */
export function triggerLabelSpec(name: string): LabelSpec {
  return {
    name,
    color: '7057ff',
    description: 'Ask greenlight for a validated pull request that resolves this issue',
  };
}

/** What `greenlight init --labels` creates: the trigger label and every label greenlight applies. */
export function repositoryLabels(triggerLabel: string): LabelSpec[] {
  const rest = greenlightLabels().filter((label) => label.name.toLowerCase() !== triggerLabel.toLowerCase());
  return [triggerLabelSpec(triggerLabel), ...rest];
}
