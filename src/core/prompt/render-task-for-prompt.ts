/**
 * The task as QUOTED DATA for the first user turn (docs/security.md §6): one line of
 * framing written by the engine, then each untrusted field — sanitized when the task
 * request was built (`SanitizedText`) — fenced by `quoteUntrustedText`, so that it reads
 * as a description of the work, never as instructions that override the rules.
 */
import type { TaskRequest } from '../task/task-request.ts';
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
    parts.push(quoteUntrustedText('fix instruction', task.instruction));
  }
  return parts.join('\n').trimEnd();
}

function source(task: TaskRequest, field: string): string {
  if (task.issueNumber !== undefined) return `issue #${task.issueNumber} ${field}`;
  if (task.pullRequestNumber !== undefined) return `pull request #${task.pullRequestNumber} ${field}`;
  return `task ${field}`;
}

function fixIntro(task: TaskRequest): string {
  const pr = task.pullRequestNumber === undefined ? 'this pull request' : `pull request #${task.pullRequestNumber}`;
  return task.instruction === undefined || task.instruction.trim() === ''
    ? `Make the failing tests of ${pr} pass without deleting, skipping or weakening any test.`
    : `Apply the fix instruction below to ${pr}, keeping every test passing.`;
}
