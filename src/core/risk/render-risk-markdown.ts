/**
 * Markdown for a risk assessment, for PR bodies, progress comments and job
 * summaries: the tier, the review it needs, a table of files with the deciding rule,
 * and every override that affected the change.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import type { RiskAssessment } from './assessment.ts';
import { describeReview, TIER_VALIDATION } from './describe-review.ts';
import { RISK_TIERS } from './tier.ts';

export interface RenderRiskOptions {
  /** Table rows before the rest is summarized (PR bodies are limited in size). */
  maxRows?: number;
}

/** Escapes text for a table cell: pipes, backslashes, line breaks, HTML. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/[\r\n]+/g, ' ');
}

/**
 * A path as inline code, safe in a table cell: inside code spans only the pipe needs
 * escaping (GFM splits cells before inline parsing); backticks get a longer fence.
 */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** Renders `assessment` with the review requirements of `review` (RepoConfig.review). */
export function renderRiskMarkdown(
  assessment: RiskAssessment,
  review: RepoConfig['review'],
  options: RenderRiskOptions = {},
): string {
  const maxRows = options.maxRows ?? 50;
  const { tier, files } = assessment;
  const lines = [
    `### Risk: \`${tier}\``,
    '',
    `**Review needed:** ${describeReview(tier, review[tier])}.`,
    `**Validation:** ${TIER_VALIDATION[tier]}.`,
    '',
  ];
  if (files.length === 0) {
    lines.push('No files changed.');
  } else {
    lines.push('| File | Tier | Category | Rule | Why |', '| --- | --- | --- | --- | --- |');
    for (const file of files.slice(0, maxRows)) {
      const path = file.previousPath ? `${code(file.previousPath)} → ${code(file.path)}` : code(file.path);
      const status = file.status === 'deleted' ? ' (deleted)' : '';
      const category = file.generated ? `${cell(file.category)} (generated)` : cell(file.category);
      const overridden = file.override ? ` (overridden from ${file.override.from})` : '';
      lines.push(
        `| ${path}${status} | ${file.tier}${overridden} | ${category} | \`${cell(file.rule)}\` | ${cell(file.reason)} |`,
      );
    }
    const rest = files.slice(maxRows);
    if (rest.length > 0) {
      const counts = RISK_TIERS.map((t) => [t, rest.filter((f) => f.tier === t).length] as const)
        .filter(([, n]) => n > 0)
        .reverse()
        .map(([t, n]) => `${n} ${t}`);
      lines.push('', `…and ${rest.length} more ${rest.length === 1 ? 'file' : 'files'} (${counts.join(', ')}).`);
    }
  }
  if (assessment.overridesApplied.length > 0) {
    lines.push('', '**Overrides from `.github/greenlight.yml` applied to this change:**', '');
    for (const o of assessment.overridesApplied) {
      const shown = o.files.slice(0, 10).map(code).join(', ');
      const more = o.files.length > 10 ? ` and ${o.files.length - 10} more` : '';
      lines.push(`- \`${cell(o.rule)}\`: ${o.from} → ${o.to}, because “${cell(o.reason)}” (${shown}${more})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
