import { describe, expect, it } from 'vitest';
import { ownersOf, ruleFor } from '../../../src/core/gate/owners-of.ts';
import { parseCodeowners } from '../../../src/core/gate/parse-codeowners.ts';

// The examples of GitHub's CODEOWNERS documentation, in its order.
const GITHUB_EXAMPLE = `
# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/services/ @octo-org/services
/services/mobile/ @octo-org/mobile
`;

describe('parseCodeowners + ruleFor (last matching rule wins)', () => {
  const codeowners = parseCodeowners(GITHUB_EXAMPLE);

  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/index.js', ['@js-owner']],
    ['cmd/main.go', ['docs@example.com']],
    ['notes/a.txt', ['@octo-org/octocats']],
    ['build/logs/today.log', ['@octocat']], // **/logs comes later than /build/logs/
    ['docs/getting-started.md', ['@doctocat']], // /docs/ comes later than docs/*
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deeply/nested/logs/x.txt', ['@octocat']],
    ['apps/web/index.ts', ['@octocat']],
    ['apps/github/readme.md', []], // a later rule without owners: unowned
    ['services/api/main.go', ['@octo-org/services']],
    ['services/mobile/app.kt', ['@octo-org/mobile']],
  ])('%s → %j', (path, owners) => {
    expect(ruleFor(codeowners, path)?.owners).toEqual(owners);
  });

  it('parses without problems (inline comments are comments)', () => {
    expect(codeowners.problems).toEqual([]);
    expect(codeowners.rules.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
});

describe('parseCodeowners: pattern semantics', () => {
  const owner = (pattern: string, path: string) => ruleFor(parseCodeowners(`${pattern} @o`), path) !== null;

  it.each([
    ['docs/*', 'docs/a.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false], // GitHub: direct children only
    ['docs/*', 'src/docs/a.md', false], // a middle slash anchors
    ['apps/', 'x/apps/y.ts', true], // a trailing slash only: any depth
    ['apps/', 'apps', false], // a directory pattern never matches a file
    ['/apps', 'apps/x.ts', true],
    ['*.md', 'a/b/c.md', true],
    ['/*.md', 'a/b/c.md', false],
    ['/*.md', 'c.md', true],
    ['db/**/migrations', 'db/mysql/migrations/001.sql', true],
    ['db/**/migrations', 'db/migrations/001.sql', true],
    ['/src/**', 'src/a/b/c.ts', true],
    ['/src/**', 'srcs/a.ts', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['a.b', 'axb', false], // dots are literal
    ['\\#notes', '#notes', true], // an escaped hash is a file name
  ])('%s owns %s: %s', (pattern, path, expected) => {
    expect(owner(pattern, path)).toBe(expected);
  });

  it('reports and skips invalid lines', () => {
    const parsed = parseCodeowners('!secret.txt @a\n[ab].txt @b\n*.ts @ok not-an-owner\n');
    expect(parsed.rules.map((r) => [r.pattern, r.owners])).toEqual([['*.ts', ['@ok']]]);
    expect(parsed.problems).toEqual([
      { line: 1, message: "'!secret.txt': negation (!) is not supported in CODEOWNERS; the line is ignored" },
      { line: 2, message: "'[ab].txt': character ranges ([ ]) are not supported in CODEOWNERS; the line is ignored" },
      { line: 3, message: "'not-an-owner' is not an owner (@user, @org/team or an email); it is ignored" },
    ]);
  });

  it('handles CRLF and an empty file', () => {
    expect(parseCodeowners('*.ts @a\r\n*.js @b\r\n').rules.map((r) => r.owners)).toEqual([['@a'], ['@b']]);
    expect(parseCodeowners('')).toEqual({ rules: [], problems: [] });
  });
});

describe('ownersOf', () => {
  it('collects distinct owners of the changed files and lists unowned ones', () => {
    const codeowners = parseCodeowners('*.sql @dba @Alice\n/db/ @alice\n/db/seed/\n');
    expect(ownersOf(codeowners, ['db/migrations/1.sql', 'x/y.sql', 'db/seed/a.csv', 'README.md'])).toEqual({
      owners: ['@alice', '@dba'],
      unowned: ['db/seed/a.csv', 'README.md'],
    });
  });
});
