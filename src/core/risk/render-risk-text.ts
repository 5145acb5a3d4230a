/** Plain text for a risk assessment, for the terminal (`greenlight classify`). */
import type { RepoConfig } from '../config/repo-config.ts';
import type { RiskAssessment } from './assessment.ts';
import { describeReview } from './describe-review.ts';

/**
 * Renders the tier, the review it needs (when `review` is given), then one entry per
 * file, riskiest first, and every override applied.
 */
export function renderRiskText(assessment: RiskAssessment, review?: RepoConfig['review']): string {
  const { tier, files } = assessment;
  const count = files.length === 1 ? '1 file' : `${files.length} files`;
  const lines = [`risk: ${tier} (${count})`];
  if (review) lines.push(`review: ${describeReview(tier, review[tier])}`);
  const width = Math.max(...files.map((f) => f.tier.length), 8);
  for (const file of files) {
    const moved = file.previousPath ? `${file.previousPath} -> ` : '';
    const notes = [
      file.status === 'deleted' ? 'deleted' : undefined,
      file.generated ? 'generated' : undefined,
      file.override ? `overridden from ${file.override.from}` : undefined,
    ].filter((n): n is string => n !== undefined);
    lines.push(
      '',
      `  ${file.tier.padEnd(width)}  ${moved}${file.path}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`,
    );
    lines.push(`  ${''.padEnd(width)}  ${file.rule} [${file.category}]: ${file.reason}`);
  }
  for (const o of assessment.overridesApplied) {
    lines.push('', `override: ${o.rule} ${o.from} -> ${o.to} (${o.reason}); files: ${o.files.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
