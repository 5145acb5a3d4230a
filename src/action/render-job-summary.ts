/**
 * The job summary: the same report as the pull-request body, headed by what
 * the run produced, then the audit details — which event and mode, where the audit
 * log is, and how to get it.
 */
import type { TierReview } from '../core/config/repo-config.ts';
import { inlineCode } from '../core/report/format.ts';
import type { ActionOutcome } from './action-outcome.ts';
import { describeOutcome } from './describe-outcome.ts';

export interface JobSummaryInput {
  outcome: ActionOutcome;
  review: TierReview | null;
  /** The run report (PR body) or the gate's check summary, when there is one. */
  report: string | null;
  eventName: string;
  mode: string;
  auditLog: string | null;
  /** Where the evidence record was written, when the engine ran. */
  evidence?: string | null;
  runUrl: string | null;
}

export function renderJobSummary(input: JobSummaryInput): string {
  const status = describeOutcome(input.outcome, input.review, null);
  const text = status.kind === 'finished' ? status.text : '';
  const parts = [`## greenlight: ${input.outcome.kind}`, text];
  if (input.report !== null && input.report.trim() !== '') parts.push(input.report.trim().replace(/^## /, '### '));
  const rows = [
    ['event', inlineCode(input.eventName)],
    ['mode', inlineCode(input.mode)],
    [
      'audit log',
      input.auditLog === null
        ? 'not written'
        : `${inlineCode(input.auditLog)} (step output \`audit_log\`; the example workflows upload it with \`actions/upload-artifact\`)`,
    ],
  ];
  if (input.evidence !== undefined && input.evidence !== null)
    rows.push([
      'evidence',
      `${inlineCode(input.evidence)} (step output \`evidence\`: the evidence record as JSON, built from the audit log)`,
    ]);
  if (input.runUrl !== null) rows.push(['run', input.runUrl]);
  parts.push(['### Audit', '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n'));
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
