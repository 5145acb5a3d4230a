/**
 * The task as one text for ranking repository files (`assembleContext`): the title, the
 * body and the instruction, those that are not blank, a blank line apart.
 */
import { joinSanitized, sanitizedTemplate, type SanitizedText } from '../text/sanitized-text.ts';
import type { TaskRequest } from './task-request.ts';

export function taskText(task: TaskRequest): SanitizedText {
  const parts = [task.title, task.body, task.instruction].filter(
    (part): part is SanitizedText => part !== undefined && part.trim() !== '',
  );
  return joinSanitized(parts, sanitizedTemplate`\n\n`);
}
