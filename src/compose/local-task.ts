/**
 * The task of a local run, from `--task "…"` or `--issue-file F`: a title and a body,
 * untrusted like any issue (`createTaskRequest` sanitizes them, once, and the prompt
 * quotes them to the model).
 */
import { GreenlightError } from '../ports/errors.ts';

export interface LocalTask {
  title: string;
  body: string;
  issueNumber?: number;
}

/** `--task` text: the first line is the title, the rest the body. */
export function taskFromText(text: string): LocalTask {
  const [first = '', ...rest] = text.replace(/\r\n?/g, '\n').trim().split('\n');
  if (first.trim() === '')
    throw new GreenlightError('usage', '--task is empty: say what to do, e.g. --task "Add tests for parseDate".');
  return { title: first.trim(), body: rest.join('\n').trim() };
}

/**
 * An issue file: a GitHub issue as JSON (`{ "title", "body", "number" }`, as
 * `gh issue view N --json title,body,number` prints it), or Markdown whose first line
 * (a `#` heading or plain text) is the title and the rest the body.
 */
export function taskFromIssueFile(content: string, shownPath: string): LocalTask {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{')) return fromJson(text, shownPath);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.trim() !== '');
  const title =
    start === -1
      ? ''
      : (lines[start] ?? '')
          .replace(/^\s*#+\s*/, '')
          .replace(/\s+#+\s*$/, '')
          .trim();
  if (title === '')
    throw new GreenlightError(
      'usage',
      `${shownPath} has no title: start it with a line such as "# Add tests for parseDate".`,
    );
  return {
    title,
    body: lines
      .slice(start + 1)
      .join('\n')
      .trim(),
  };
}

function fromJson(text: string, shownPath: string): LocalTask {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GreenlightError(
      'usage',
      `${shownPath} starts like JSON but is not valid JSON (${(error as Error).message}): give a GitHub issue as {"title": …, "body": …} or use Markdown.`,
      { cause: error },
    );
  }
  const issue = data as { title?: unknown; body?: unknown; number?: unknown };
  if (typeof issue.title !== 'string' || issue.title.trim() === '') {
    throw new GreenlightError(
      'usage',
      `${shownPath} has no "title" string: give a GitHub issue as {"title": …, "body": …}.`,
    );
  }
  if (issue.body !== undefined && issue.body !== null && typeof issue.body !== 'string') {
    throw new GreenlightError('usage', `${shownPath}: "body" must be a string.`);
  }
  const task: LocalTask = { title: issue.title.trim(), body: typeof issue.body === 'string' ? issue.body.trim() : '' };
  if (issue.number !== undefined && issue.number !== null) {
    if (!Number.isSafeInteger(issue.number) || (issue.number as number) <= 0)
      throw new GreenlightError('usage', `${shownPath}: "number" must be a positive integer (the issue number).`);
    task.issueNumber = issue.number as number;
  }
  return task;
}
