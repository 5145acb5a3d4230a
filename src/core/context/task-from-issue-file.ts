/**
 * The task text of an `--issue-file`: a Markdown file as it is, or a GitHub issue as
 * JSON (`{ title, body }`, the REST/`gh issue view --json` shape, or a webhook payload
 * `{ issue: { title, body } }`), with comments when the JSON has them.
 */
import { GreenlightError } from '../../ports/errors.ts';

interface IssueLike {
  title?: unknown;
  body?: unknown;
  comments?: unknown;
}

export function taskFromIssueFile(text: string, name: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return text;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new GreenlightError(
      'usage',
      `${name} looks like JSON but does not parse (${(error as Error).message}); pass a Markdown file or a GitHub issue as JSON`,
      { cause: error },
    );
  }
  const issue = (
    typeof value === 'object' && value !== null && 'issue' in value ? (value as { issue: unknown }).issue : value
  ) as IssueLike;
  if (
    typeof issue !== 'object' ||
    issue === null ||
    (typeof issue.title !== 'string' && typeof issue.body !== 'string')
  ) {
    throw new GreenlightError(
      'usage',
      `${name} is JSON without an issue title or body; expected { "title": …, "body": … } (e.g. from \`gh issue view N --json title,body\`)`,
    );
  }
  const parts = [typeof issue.title === 'string' ? issue.title : '', typeof issue.body === 'string' ? issue.body : ''];
  if (Array.isArray(issue.comments)) {
    for (const comment of issue.comments) {
      const body = (comment as { body?: unknown } | null)?.body;
      if (typeof body === 'string') parts.push(body);
    }
  }
  return parts.filter((p) => p !== '').join('\n\n');
}
