/**
 * The comment posted instead of a run when `.github/greenlight.yml` on the default
 * branch is invalid: every problem with its line and field, and how to fix
 * it. Nothing ran, so it says so.
 */
import type { ConfigIssue } from '../../core/config/config-issue.ts';
import { formatConfigIssue } from '../../core/config/format-config-issues.ts';
import { cell, inlineCode } from '../../core/report/format.ts';

export interface ConfigCommentInput {
  configPath: string;
  defaultBranch: string;
  errors: readonly ConfigIssue[];
  /** How to start the run again, e.g. "remove and re-add the `ai-generate` label". */
  retry: string;
  runUrl: string | null;
}

export function renderConfigComment(input: ConfigCommentInput): string {
  const n = input.errors.length;
  const rows = input.errors.map(
    (e) =>
      `| ${e.line}:${e.column} | ${e.path === '' ? '(file)' : inlineCode(e.path)} | ${cell(e.message.replace(/\r?\n/g, ' '))} |`,
  );
  return [
    `### ⚠️ greenlight did not run: ${inlineCode(input.configPath)} is invalid`,
    '',
    `The configuration on the default branch (${inlineCode(input.defaultBranch)}) has ${n === 1 ? 'a problem' : `${n} problems`}, so no model was called and nothing changed.`,
    '',
    '| line:col | field | problem |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '<details><summary>As text</summary>',
    '',
    '```text',
    ...input.errors.map(formatConfigIssue),
    '```',
    '',
    '</details>',
    '',
    `Fix the file on ${inlineCode(input.defaultBranch)} (\`greenlight config --file ${input.configPath}\` checks it locally), then ${input.retry}.` +
      (input.runUrl === null ? '' : ` [Workflow run](${input.runUrl})`),
    '',
  ].join('\n');
}
