/**
 * The App's acknowledgement: the comment that tells the requester, within a second of
 * their label or `/fix`, that greenlight is on it — dispatched to the repository's
 * workflow, or waiting for a slot under the fleet limits — with the run's checklist.
 * The workflow run then edits the same comment into its progress (`progress_comment`).
 */
import type { ProgressSnapshot, StepName } from '../../ports/progress.ts';
import { renderProgressChecklist } from '../../core/report/render-progress.ts';
import { inlineCode } from '../../core/report/format.ts';
import { appCommentMarker } from './app-comment-marker.ts';

export type AckStatus =
  | { kind: 'dispatched' }
  | { kind: 'queued'; queueId: string; position: number; reason: string }
  | { kind: 'dispatched-from-queue' };

export interface AckInput {
  /** What the run works on: "issue #3", "`/fix` on pull request #7". */
  subject: string;
  requester: string;
  workflowFile: string;
  /** The workflow's runs page. */
  workflowUrl: string;
  maxIterations: number;
  status: AckStatus;
}

const STEPS: readonly StepName[] = ['understand', 'context', 'baseline', 'iterations', 'verify', 'publish'];

function snapshot(maxIterations: number, understand: ProgressSnapshot['steps'][StepName]): ProgressSnapshot {
  const steps = Object.fromEntries(
    STEPS.map((name) => [name, name === 'understand' ? understand : { state: 'pending' }]),
  ) as ProgressSnapshot['steps'];
  return { steps, iteration: 0, maxIterations, tokens: 0, costUsd: 0 };
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function renderAckComment(input: AckInput): string {
  const workflow = `[${inlineCode(fileName(input.workflowFile))} workflow](${input.workflowUrl})`;
  const status = input.status;
  const queued = status.kind === 'queued';
  const title = queued ? `### ⏳ greenlight — ${input.subject} (queued)` : `### 👀 greenlight — ${input.subject}`;
  const text = queued
    ? `Requested by @${input.requester}. Queued: ${status.reason}. This request is number ${status.position} in line; ` +
      `it is dispatched to the ${workflow} as soon as a slot frees, and this comment says so then.`
    : `Requested by @${input.requester}. ${status.kind === 'dispatched-from-queue' ? 'A slot freed up: the' : 'The'} greenlight App dispatched ` +
      `this request to the ${workflow}; the run shows its progress in this comment as it goes.`;
  const understand: ProgressSnapshot['steps'][StepName] = queued
    ? { state: 'pending', detail: `queued (${status.position} in line)` }
    : { state: 'running', detail: `dispatched to ${fileName(input.workflowFile)}` };
  const marker = appCommentMarker(queued ? status.queueId : undefined);
  return `${[marker, title, text, renderProgressChecklist(snapshot(input.maxIterations, understand)).trimEnd()].join('\n\n')}\n`;
}
