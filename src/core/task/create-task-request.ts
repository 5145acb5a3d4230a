/**
 * The `TaskRequest` of a task given as plain text — the CLI's `--task` and
 * `--issue-file`, the demo and replays (through `runLocalJob`), and tests. This is where
 * its untrusted text is sanitized, once (docs/security.md §6); the Action's issues and
 * pull requests go through `buildTaskRequest` instead, which also bounds them.
 */
import { sanitizeUntrustedText } from '../text/sanitize-untrusted-text.ts';
import { trimSanitized } from '../text/sanitized-text.ts';
import type { TaskMode, TaskRequest } from './task-request.ts';

/** A task as a surface received it: the same fields as `TaskRequest`, the text not yet sanitized. */
export interface UntrustedTask {
  mode: TaskMode;
  title: string;
  body: string;
  instruction?: string;
  issueNumber?: number;
  pullRequestNumber?: number;
  labels?: readonly string[];
  requester?: string;
  baseSha: string;
}

/**
 * The title is trimmed as well (removing hidden content can leave spaces at its ends).
 *
 * @example
 * createTaskRequest({ mode: 'generate', title: 'Add tests', body: 'Cover parseDate.<!-- hidden -->', baseSha })
 * // { mode: 'generate', title: 'Add tests', body: 'Cover parseDate.', baseSha }
 */
export function createTaskRequest(task: UntrustedTask): TaskRequest {
  const { title, body, instruction, ...rest } = task;
  const request: TaskRequest = {
    ...rest,
    title: trimSanitized(sanitizeUntrustedText(title)),
    body: sanitizeUntrustedText(body),
  };
  if (instruction !== undefined) request.instruction = sanitizeUntrustedText(instruction);
  return request;
}
