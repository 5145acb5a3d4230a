import { describe, expect, it } from 'vitest';
import { taskFromIssueFile, taskFromText, type LocalTask } from '../../src/compose/local-task.ts';
import { isGreenlightError } from '../../src/ports/errors.ts';

describe('taskFromText', () => {
  it.each<[string, LocalTask]>([
    ['Add tests for clamp', { title: 'Add tests for clamp', body: '' }],
    [
      '  Add tests for clamp  \n\nCover min and max.\r\nAnd NaN.\n',
      { title: 'Add tests for clamp', body: 'Cover min and max.\nAnd NaN.' },
    ],
  ])('%j', (text, task) => {
    expect(taskFromText(text)).toEqual(task);
  });

  it('refuses an empty task', () => {
    expect(() => taskFromText(' \n ')).toThrow('--task is empty');
  });
});

describe('taskFromIssueFile', () => {
  it.each<[string, string, LocalTask]>([
    [
      'a Markdown heading',
      '# Add tests for clamp\n\nCover min and max.\n',
      { title: 'Add tests for clamp', body: 'Cover min and max.' },
    ],
    ['a closed ATX heading after blank lines', '\n\n## Cover clamp ##\nbody', { title: 'Cover clamp', body: 'body' }],
    ['plain text', 'Cover clamp\nbody line', { title: 'Cover clamp', body: 'body line' }],
    ['a BOM', '\uFEFF# Cover clamp\n', { title: 'Cover clamp', body: '' }],
    [
      'a GitHub issue as JSON',
      '{"number": 12, "title": " Cover clamp ", "body": "Tests please."}',
      { title: 'Cover clamp', body: 'Tests please.', issueNumber: 12 },
    ],
    [
      'JSON with a null body and no number',
      '{"title": "Cover clamp", "body": null}',
      { title: 'Cover clamp', body: '' },
    ],
  ])('reads %s', (_name, content, task) => {
    expect(taskFromIssueFile(content, 'issue.md')).toEqual(task);
  });

  it.each([
    ['an empty file', '\n \n', 'issue.md has no title'],
    ['a heading without text', '#\nbody', 'issue.md has no title'],
    ['broken JSON', '{"title": ', 'issue.md starts like JSON but is not valid JSON'],
    ['JSON without a title', '{"body": "x"}', 'issue.md has no "title" string'],
    ['a non-string body', '{"title": "t", "body": 3}', 'issue.md: "body" must be a string.'],
    ['a bad issue number', '{"title": "t", "number": -1}', 'issue.md: "number" must be a positive integer'],
  ])('refuses %s', (_name, content, message) => {
    let error: unknown;
    try {
      taskFromIssueFile(content, 'issue.md');
    } catch (e) {
      error = e;
    }
    expect(isGreenlightError(error, 'usage')).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
