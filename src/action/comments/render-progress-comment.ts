/**
 * The progress comment: what greenlight is doing, a link to the workflow
 * run, the checklist with tests, tokens and cost so far, and — once the run ended —
 * what it produced or why it stopped. One renderer for every state, so the comment
 * edited in place always has the same shape.
 *
 * A hidden marker carries the run id, so that the publish job of the two-job workflow
 * (same run) finds the comment the generate job started.
 */
import type { ProgressSnapshot } from '../../ports/progress.ts';
import { renderProgressChecklist } from '../../core/report/render-progress.ts';

export type ProgressStatus =
  { kind: 'running' } | { kind: 'finished'; result: 'success' | 'warning' | 'failure'; text: string };

export interface ProgressCommentInput {
  /** What the run works on, e.g. "issue #3", "`/fix` on pull request #7". */
  subject: string;
  runId: string | null;
  runUrl: string | null;
  snapshot: ProgressSnapshot;
  status: ProgressStatus;
}

const MARKER_PREFIX = '<!-- greenlight:progress';
const ICONS = { success: '✅', warning: '⚠️', failure: '❌' } as const;

/** The hidden marker of run `runId`'s progress comment. */
export function progressMarker(runId: string | null): string {
  return `${MARKER_PREFIX} run=${runId ?? 'local'} -->`;
}

/** True when `body` is the progress comment of run `runId`. */
export function isProgressComment(body: string, runId: string | null): boolean {
  return body.startsWith(progressMarker(runId));
}

export function renderProgressComment(input: ProgressCommentInput): string {
  const icon = input.status.kind === 'running' ? '👀' : ICONS[input.status.result];
  const title = `### ${icon} greenlight — ${input.subject}`;
  const link = input.runUrl === null ? '' : `[Workflow run](${input.runUrl})`;
  const parts = [progressMarker(input.runId), title];
  if (link !== '') parts.push(link);
  parts.push(renderProgressChecklist(input.snapshot).trimEnd());
  parts.push(
    input.status.kind === 'running' ? '_This comment is updated as each step completes._' : input.status.text.trim(),
  );
  return `${parts.join('\n\n')}\n`;
}

/**
 * What the publish job of the two-job workflow adds under the progress comment the
 * generate job of the same run started: how publishing the change bundle ended.
 * @example renderPublishNote({ kind: 'finished', result: 'success', text: 'Published #12.' })
 * // '**Publish job:** ✅ Published #12.'
 */
export function renderPublishNote(status: Extract<ProgressStatus, { kind: 'finished' }>): string {
  return `**Publish job:** ${ICONS[status.result]} ${status.text}`;
}
