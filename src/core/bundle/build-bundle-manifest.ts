/**
 * The manifest of a change bundle, from a finished job. Pure: the adapter hashes the
 * patch and writes the files.
 */
import { GreenlightError } from '../../ports/errors.ts';
import type { Evidence } from '../evidence/evidence.ts';
import type { LoopOutcome } from '../loop/loop-outcome.ts';
import type { Requester } from '../publish/publish-types.ts';
import type { RiskTier } from '../risk/tier.ts';
import { BUNDLE_PATCH_FILE, BUNDLE_VERSION, type BundleManifest, type BundleTarget } from './change-bundle.ts';

export interface BundleManifestInput {
  /** The job's result (`JobResult` fields). */
  outcome: LoopOutcome;
  claimedTier: RiskTier;
  reportMarkdown: string;
  costUsd: number;
  mode: 'generate' | 'fix';
  target: BundleTarget;
  baseSha: string;
  requester?: Requester;
  patch: { bytes: number; sha256: string };
  greenlightVersion: string;
  /** ISO 8601. */
  createdAt: string;
  /** The job's evidence record, from its audit log. */
  evidence?: Evidence;
}

export function buildBundleManifest(input: BundleManifestInput): BundleManifest {
  const { outcome } = input;
  if (outcome.kind === 'refused') {
    throw new GreenlightError(
      'usage',
      `the job was refused (${outcome.reason}), so there is no change to bundle: report the refusal instead of writing a bundle.`,
    );
  }
  const report = outcome.report;
  return {
    tool: 'greenlight',
    version: BUNDLE_VERSION,
    greenlightVersion: input.greenlightVersion,
    createdAt: input.createdAt,
    mode: input.mode,
    target: input.target,
    baseSha: input.baseSha,
    ...(input.requester === undefined ? {} : { requester: input.requester }),
    outcome:
      outcome.kind === 'gave-up'
        ? { kind: 'gave-up', stop: { code: outcome.reason.code, message: outcome.reason.message } }
        : { kind: 'succeeded' },
    claimedTier: input.claimedTier,
    reportMarkdown: input.reportMarkdown,
    tests: { baseline: report.tests.baseline, final: report.tests.final },
    usage: report.usage,
    costUsd: input.costUsd,
    model: report.model,
    patch: { file: BUNDLE_PATCH_FILE, ...input.patch },
    files: outcome.changes.map((change) => ({ path: change.path, status: change.status })),
    ...(input.evidence === undefined ? {} : { evidence: input.evidence }),
  };
}
