/**
 * What one Action run ended with, as a value (an expected outcome is a value, not an error),
 * and how that becomes the step's outputs and exit code. Every path of the runner
 * ends in exactly one of these; none is silent.
 */
import type { GateState } from '../core/gate/evaluate-gate.ts';
import type { RiskTier } from '../core/risk/tier.ts';

interface Spend {
  riskTier: RiskTier;
  costUsd: number;
}

export interface PullRequestRef {
  number: number;
  url: string;
}

export type ActionOutcome =
  /** The event asks nothing of greenlight (one line says why). */
  | { kind: 'skipped'; reason: string }
  /** The requester may not start a run, or the target is not allowed (a fork). */
  | { kind: 'refused'; reason: string }
  /** The run could not do its work: invalid config, a GitHub or git error… */
  | { kind: 'failed'; what: string; why: string }
  /** generate: a pull request was opened; fix: a commit was pushed to it (`commitSha`, when known). */
  | ({ kind: 'opened' | 'updated'; pr: PullRequestRef; branch: string; commitSha?: string } & Spend)
  /** No verified change; the best state is on `branch` when there was one to keep. */
  | ({ kind: 'gave-up'; reason: string; branch: string | null; pr: PullRequestRef | null } & Spend)
  /** generate/fix with `bundle_path`: the change bundle was written for a publish job. */
  | ({ kind: 'bundled'; bundlePath: string; verified: boolean } & Spend)
  /** `dry_run`: everything but pushing and writing to GitHub. */
  | ({ kind: 'dry-run'; verified: boolean } & Spend)
  /** gate: the review-gate check was recomputed. */
  | { kind: 'gated'; pr: PullRequestRef; riskTier: RiskTier; state: GateState; title: string }
  /** publish: a change bundle was re-validated and published. */
  | { kind: 'published'; pr: PullRequestRef | null; branch: string; riskTier: RiskTier; verified: boolean }
  /** repair: greenlight stopped repairing CI on the pull request and asked for a person (comment and label). */
  | { kind: 'needs-human'; pr: PullRequestRef; reason: string; costUsd?: number };

/** The names action.yml declares under `outputs:`. */
export const OUTPUT_NAMES = [
  'outcome',
  'pr_number',
  'pr_url',
  'branch',
  'risk_tier',
  'cost_usd',
  'bundle_path',
  'audit_log',
  'evidence',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Step outputs for an outcome; every declared output is set ('' when it does not apply). */
export function actionOutputs(
  outcome: ActionOutcome,
  auditLog: string | null,
  evidence: string | null = null,
): Record<OutputName, string> {
  const out: Record<OutputName, string> = {
    outcome: outcome.kind,
    pr_number: '',
    pr_url: '',
    branch: '',
    risk_tier: '',
    cost_usd: '',
    bundle_path: '',
    audit_log: auditLog ?? '',
    evidence: evidence ?? '',
  };
  if ('pr' in outcome && outcome.pr !== null) {
    out.pr_number = String(outcome.pr.number);
    out.pr_url = outcome.pr.url;
  }
  if ('branch' in outcome && outcome.branch !== null) out.branch = outcome.branch;
  if ('riskTier' in outcome) out.risk_tier = outcome.riskTier;
  if ('costUsd' in outcome && outcome.costUsd !== undefined)
    out.cost_usd = Number.isFinite(outcome.costUsd) ? outcome.costUsd.toFixed(4) : '';
  if (outcome.kind === 'bundled') out.bundle_path = outcome.bundlePath;
  return out;
}

/**
 * The step's exit code: 1 when the run did not deliver what it was asked for (gave up,
 * failed), 0 otherwise — refusing an unauthorized request, or handing a pull request's
 * CI to a person (`needs-human`), is the Action working. A
 * bundle is a success of the generate job even when the loop gave up: the publish job
 * still has to push the work so far, and it fails the run then.
 */
export function exitCodeOf(outcome: ActionOutcome): number {
  switch (outcome.kind) {
    case 'gave-up':
    case 'failed':
      return 1;
    case 'dry-run':
    case 'published':
      return outcome.verified ? 0 : 1;
    default:
      return 0;
  }
}
