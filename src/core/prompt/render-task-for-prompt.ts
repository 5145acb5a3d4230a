/**
 * The task as QUOTED DATA for the first user turn (docs/security.md §6): one line of
 * framing written by the engine, then each untrusted field — sanitized when the task
 * request was built (`SanitizedText`) — fenced by `quoteUntrustedText`, so that it reads
 * as a description of the work, never as instructions that override the rules.
 */
import { REVIEW_REPORT_TOOL } from '../review/review-report-tool.ts';
import type { ReviewThread, TaskRequest } from '../task/task-request.ts';
import { sanitizedTemplate } from '../text/sanitized-text.ts';
import { quoteUntrustedText } from './quote-untrusted-text.ts';

/**
 * @example
 * renderTaskForPrompt(createTaskRequest({ mode: 'generate', title: 'Add tests for parseDate', body: '…', baseSha }))
 */
export function renderTaskForPrompt(task: TaskRequest): string {
  const parts: string[] = [
    task.mode === 'generate' ? 'Implement the request below in this repository.' : fixIntro(task),
    '',
  ];
  parts.push(quoteUntrustedText(source(task, 'title'), task.title));
  if (task.body.trim() !== '') parts.push(quoteUntrustedText(source(task, 'description'), task.body));
  if (task.instruction !== undefined && task.instruction.trim() !== '') {
    parts.push(
      quoteUntrustedText(task.reviewThreads === undefined ? 'fix instruction' : 'review body', task.instruction),
    );
  }
  if (task.ciFailure !== undefined) {
    parts.push(quoteUntrustedText(`CI failure report of workflow run ${task.ciFailure.runId}`, task.ciFailure.report));
  }
  for (const thread of task.reviewThreads ?? []) parts.push(renderThread(thread));
  return parts.join('\n').trimEnd();
}

function renderThread(thread: ReviewThread): string {
  const where =
    thread.line === null
      ? sanitizedTemplate`${thread.path}`
      : thread.startLine === null || thread.startLine === thread.line
        ? sanitizedTemplate`${thread.path}, line ${thread.line}`
        : sanitizedTemplate`${thread.path}, lines ${thread.startLine}-${thread.line}`;
  return [
    quoteUntrustedText(
      `review comment ${thread.id}`,
      sanitizedTemplate`Comment by @${thread.author} on ${where}:\n\n${thread.body}`,
    ),
    quoteUntrustedText(`diff hunk of review comment ${thread.id}`, thread.diffHunk),
  ].join('\n');
}

function source(task: TaskRequest, field: string): string {
  if (task.issueNumber !== undefined) return `issue #${task.issueNumber} ${field}`;
  if (task.pullRequestNumber !== undefined) return `pull request #${task.pullRequestNumber} ${field}`;
  return `task ${field}`;
}

function fixIntro(task: TaskRequest): string {
  const pr = task.pullRequestNumber === undefined ? 'this pull request' : `pull request #${task.pullRequestNumber}`;
  if (task.ciFailure !== undefined)
    return (
      `CI failed on ${pr}. Using the failure report below, change the code so that the failing checks pass, ` +
      'without deleting, skipping or weakening any test and without editing CI workflows.'
    );
  if (task.reviewThreads !== undefined)
    return (
      `A reviewer asked for changes on ${pr}. Address every review comment below in one change, keeping every test passing. ` +
      `For each comment, call ${REVIEW_REPORT_TOOL} once you have addressed it or decided you cannot: ` +
      'say whether your change addresses it and, in a sentence, what you changed or why not.'
    );
  return task.instruction === undefined || task.instruction.trim() === ''
    ? `Make the failing tests of ${pr} pass without deleting, skipping or weakening any test.`
    : `Apply the fix instruction below to ${pr}, keeping every test passing.`;
}
