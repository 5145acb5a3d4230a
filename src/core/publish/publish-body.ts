/**
 * The pull-request body the publish step posts: the run report, redacted (docs/security.md
 * §26), and — when the publish step's own classification differs from the tier the
 * report claims — a warning on top and the publish step's risk section at the end, so
 * a reader never sees only the lower claim (docs/security.md §20), then the evidence
 * section. Cut to GitHub's limit: the report loses its end, the risk and evidence never.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import type { Redactor } from '../redact/create-redactor.ts';
import type { RiskAssessment } from '../risk/assessment.ts';
import { renderRiskMarkdown } from '../risk/render-risk-markdown.ts';
import type { RiskTier } from '../risk/tier.ts';

/** GitHub refuses bodies over 65536 characters; keep room for the note below. */
export const MAX_BODY = 65_000;

export interface PublishBodyInput {
  reportMarkdown: string;
  redactor: Redactor;
  /** The publish step's own assessment. */
  risk: RiskAssessment;
  /** The tier the report was written with (the job's, or a bundle's claim). */
  claimedTier: RiskTier;
  review: RepoConfig['review'];
  /** Optional text in front of the report (e.g. where a work-in-progress branch is). */
  preface?: string;
  /** The evidence section the body ends with; never cut (docs/architecture.md "The evidence record"). */
  evidence?: string;
}

export function publishBody(input: PublishBodyInput): string {
  const parts: string[] = [];
  if (input.preface !== undefined) parts.push(input.preface.trim());
  const differs = input.risk.tier !== input.claimedTier;
  if (differs) {
    parts.push(
      `> [!WARNING]\n> The publish step classified this change as **\`${input.risk.tier}\`**; the report below was written for \`${input.claimedTier}\`. The publish step's classification is the one that counts: see "Risk (publish step)" at the end.`,
    );
  }
  parts.push(input.reportMarkdown.trim());
  const tail = differs
    ? renderRiskMarkdown(input.risk, input.review)
        .replace(/^### Risk:/, '### Risk (publish step):')
        .trim()
    : '';
  const note = "\n\n…(the report was cut to fit GitHub's limit; the full report is in the job summary)";
  let body = input.redactor.redact(parts.join('\n\n'));
  const ending = [tail, input.evidence?.trim() ?? ''].filter((part) => part !== '').join('\n\n');
  const redactedTail = ending === '' ? '' : `\n\n${input.redactor.redact(ending)}`;
  if (body.length + redactedTail.length > MAX_BODY) {
    body = body.slice(0, Math.max(0, MAX_BODY - redactedTail.length - note.length)) + note;
  }
  return `${body}${redactedTail}\n`;
}
