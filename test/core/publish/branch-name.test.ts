import { describe, expect, it } from 'vitest';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { branchName } from '../../../src/core/publish/branch-name.ts';
import { refNameProblem } from '../../../src/core/publish/ref-name-problem.ts';
import { slugify } from '../../../src/core/publish/slugify.ts';

describe('slugify', () => {
  it.each([
    ['Add tests for the parser', 'add-tests-for-the-parser'],
    ['Add tests for `parseDate()` — ISO weeks', 'add-tests-for-parsedate-iso-weeks'],
    ['Crème brûlée: café', 'creme-brulee-cafe'],
    ["Don't break the API", 'dont-break-the-api'],
    ['日本語のタイトル', 'change'],
    ['"; rm -rf / #', 'rm-rf'],
    ['', 'change'],
    ['a'.repeat(60), 'a'.repeat(40)],
    ['cover the payment reconciliation module with regression tests please', 'cover-the-payment-reconciliation-module'],
    ['../../.git/config', 'git-config'],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('refNameProblem', () => {
  it.each([
    ['greenlight/issue-4-add-tests', null],
    ['feature/x.y', null],
    ['', 'is empty'],
    ['a..b', 'contains ".."'],
    ['a b', 'contains " "'],
    ['a~1', 'contains "~"'],
    ['a:b', 'contains ":"'],
    ['a\\b', 'contains "\\\\"'],
    ['a@{1}', 'contains "@{"'],
    ['-x', 'starts with "-"'],
    ['a/', 'has an empty path component'],
    ['a//b', 'has an empty path component'],
    ['a.', 'ends with "."'],
    ['a/.hidden', 'has a component starting with "." (.hidden)'],
    ['x.lock', 'has a component ending with ".lock" (x.lock)'],
    ['@', 'is "@"'],
  ])('%j → %j', (name, problem) => {
    expect(refNameProblem(name)).toBe(problem);
  });
});

describe('branchName', () => {
  it('fills the default template', () => {
    expect(branchName('greenlight/issue-{number}-{slug}', { number: 12, title: 'Add tests for the parser' })).toBe(
      'greenlight/issue-12-add-tests-for-the-parser',
    );
  });

  it('fills {run} when a run id is known', () => {
    expect(branchName('bot/{number}/{run}', { number: 3, title: 'x', run: '987654' })).toBe('bot/3/987654');
  });

  it.each([
    ['bot/{run}', 'uses {run}, but no run id is known here'],
    ['bot/{user}-{number}', 'unknown placeholder {user}'],
    ['bot {number}', 'which contains " "'],
    ['bot/{number}.lock', 'ending with ".lock"'],
  ])('refuses the template %j with a config error', (template, message) => {
    let error: unknown;
    try {
      branchName(template, { number: 3, title: 'x' });
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'config-invalid')).toBe(true);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain('branch.template');
  });

  it('cannot be steered by a hostile title: the slug only has [a-z0-9-]', () => {
    const name = branchName('greenlight/issue-{number}-{slug}', {
      number: 1,
      title: 'x; git push --force ../../main ~^:?*[',
    });
    expect(name).toBe('greenlight/issue-1-x-git-push-force-main');
    expect(refNameProblem(name)).toBeNull();
  });
});
