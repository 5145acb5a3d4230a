/**
 * Checks that a schema cannot express and that users would otherwise trip on at run
 * time, after the file has passed the schema.
 */
import { RISK_TIERS } from '../risk/tier.ts';
import type { RepoConfig } from './repo-config.ts';

export interface SemanticFinding {
  severity: 'error' | 'warning';
  path: PropertyKey[];
  message: string;
}

/** Deny globs that keep every file under `.github/workflows/` out of the model's reach. */
const COVERS_WORKFLOWS = new Set([
  '**',
  '**/*',
  '.github/**',
  '.github/**/*',
  '.github/workflows/**',
  '.github/workflows/**/*',
]);

function coversWorkflows(pattern: string): boolean {
  return COVERS_WORKFLOWS.has(pattern.trim().replace(/^(\.\/|\/)+/, ''));
}

/** Findings for a config that already passed the schema; empty when all is well. */
export function checkConfigSemantics(config: RepoConfig): SemanticFinding[] {
  const findings: SemanticFinding[] = [];
  // The bot never pushes workflow files (docs/security.md §19); a deny list without them
  // would let the model edit workflows only to have publish reject the whole change.
  if (!config.paths.deny.some(coversWorkflows)) {
    findings.push({
      severity: 'error',
      path: ['paths', 'deny'],
      message:
        'must keep `.github/workflows/**`: greenlight never pushes workflow files. Add `.github/workflows/**` back to the list',
    });
  }
  for (const tier of RISK_TIERS) {
    const review = config.review[tier];
    if (tier !== 'low' && review.autoMerge) {
      findings.push({
        severity: 'warning',
        path: ['review', tier, 'autoMerge'],
        message: `auto-merge is only honoured for low; ${tier} pull requests always wait for their review gate, so this setting is ignored`,
      });
    }
    if (review.requireCodeOwner && review.approvals === 0) {
      findings.push({
        severity: 'warning',
        path: ['review', tier, 'requireCodeOwner'],
        message: 'has no effect with approvals: 0; set approvals to at least 1 to require a code owner',
      });
    }
  }
  return findings;
}
