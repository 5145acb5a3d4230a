/** The result of classifying a change: its tier and, per file, why. */
import type { FileChangeStatus } from '../../ports/workspace.ts';
import type { RiskTier } from './tier.ts';

export interface FileRisk {
  path: string;
  /** For renames: where the file came from. */
  previousPath?: string;
  status: FileChangeStatus;
  tier: RiskTier;
  category: string;
  /** The rule that decided the tier (the riskiest that matched). */
  rule: string;
  reason: string;
  /** The file is generated code. */
  generated?: true;
  /** Every rule that matched, riskiest first. */
  matched: string[];
  /** Set when a `risk.overrides` entry changed the deciding rule's tier. */
  override?: { from: RiskTier; reason: string };
}

/** A `risk.overrides` entry that affected this change; every report shows it. */
export interface AppliedOverride {
  rule: string;
  from: RiskTier;
  to: RiskTier;
  reason: string;
  /** Files the overridden rule matched. */
  files: string[];
}

export interface RiskAssessment {
  /** The riskiest tier of any file; `low` for an empty change. */
  tier: RiskTier;
  /** Riskiest first, then by path. */
  files: FileRisk[];
  overridesApplied: AppliedOverride[];
}
