/**
 * The App's one-comment replies when it does not start a run: over a fleet limit
 * with `fleet.overLimit: refuse` (or a full queue), an invalid configuration, or a
 * workflow that GitHub would not start. Each says what happened, that nothing ran,
 * and what to do next.
 */
import type { ConfigIssue } from '../../core/config/config-issue.ts';
import { formatConfigIssues } from '../../core/config/format-config-issues.ts';
import { inlineCode } from '../../core/report/format.ts';
import { appCommentMarker } from './app-comment-marker.ts';

/** How to ask again: "remove and re-add the `ai-generate` label". */
export type RetryHint = string;

export function renderLimitRefusal(input: {
  subject: string;
  requester: string;
  reason: string;
  retry: RetryHint;
}): string {
  return (
    [
      appCommentMarker(),
      `### ✋ greenlight did not start — ${input.subject}`,
      `@${input.requester}, this request was not started: ${input.reason}. Nothing ran. To try again later, ${input.retry}.`,
    ].join('\n\n') + '\n'
  );
}

export function renderConfigRefusal(input: {
  configPath: string;
  defaultBranch: string;
  errors: readonly ConfigIssue[];
  retry: RetryHint;
}): string {
  const n = input.errors.length;
  return (
    [
      appCommentMarker(),
      `### ⚠️ greenlight did not run: ${inlineCode(input.configPath)} is invalid`,
      `The configuration on the default branch (${inlineCode(input.defaultBranch)}) has ${n === 1 ? 'a problem' : `${n} problems`}, so nothing was started:`,
      ['```text', formatConfigIssues(input.errors), '```'].join('\n'),
      `Fix the file on ${inlineCode(input.defaultBranch)} (\`greenlight config --file ${input.configPath}\` checks it locally), then ${input.retry}.`,
    ].join('\n\n') + '\n'
  );
}

export function renderDispatchRefusal(input: {
  workflowFile: string;
  defaultBranch: string;
  message: string;
  inputs: readonly string[];
  retry: RetryHint;
}): string {
  return (
    [
      appCommentMarker(),
      `### ⚠️ greenlight could not start ${inlineCode(input.workflowFile)}`,
      `GitHub refused to dispatch the workflow on ${inlineCode(input.defaultBranch)}: ${input.message.replace(/\s+/g, ' ')}`,
      `The App starts it with \`workflow_dispatch\` and the inputs ${input.inputs.map((name) => inlineCode(name)).join(', ')}. ` +
        `Check that the workflow file on the default branch has a \`workflow_dispatch:\` trigger declaring them, and that it is enabled, then ${input.retry}.`,
    ].join('\n\n') + '\n'
  );
}
