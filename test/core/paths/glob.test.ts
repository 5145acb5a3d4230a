import { describe, expect, it } from 'vitest';
import { compileGlob, compileGlobs, matchGlob } from '../../../src/core/paths/glob.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

describe('matchGlob', () => {
  it.each([
    // pattern, path, expected
    ['*.md', 'README.md', true],
    ['*.md', 'docs/guide/intro.md', true],
    ['*.md', 'docs/guide/intro.mdx', false],
    ['*.md', 'README.md.bak', false],
    ['Dockerfile', 'services/api/Dockerfile', true],
    ['Dockerfile', 'services/api/Dockerfile.dev', false],
    ['Dockerfile*', 'services/api/Dockerfile.dev', true],
    // a pattern with a slash is anchored at the root
    ['docs/*.md', 'docs/intro.md', true],
    ['docs/*.md', 'site/docs/intro.md', false],
    ['docs/*.md', 'docs/guide/intro.md', false],
    ['/app.json', 'app.json', true],
    ['/app.json', 'mobile/app.json', false],
    // a pattern matches a path or any parent directory
    ['migrations', 'db/mysql/migrations/0001_init.sql', true],
    ['migrations/', 'app/migrations/0002_auto.py', true],
    ['migrations/', 'app/migrations', false],
    ['migrations', 'app/migrations', true],
    ['migrations', 'app/migrations_helper.py', false],
    ['db/migrate', 'db/migrate/20240101_add_users.rb', true],
    ['.github', '.github/CODEOWNERS', true],
    // ** crosses directories only as a whole segment
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/nested/x.yaml', true],
    ['.github/workflows/**', '.github/workflowsx/ci.yml', false],
    ['**/test/**', 'test/a.ts', true],
    ['**/test/**', 'packages/core/test/unit/a.ts', true],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'lib/src/a.ts', false],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/xb', false],
    ['**', 'anything/at/all', true],
    // ? and classes never match a slash
    ['?.py', 'a.py', true],
    ['?.py', 'ab.py', false],
    ['a?b', 'a/b', false],
    ['V[0-9]*__*.sql', 'src/main/resources/db/migration/V12__add_index.sql', true],
    ['V[0-9]*__*.sql', 'src/main/resources/db/migration/Vx__add_index.sql', false],
    ['[!a]*.js', 'b.js', true],
    ['[!a]*.js', 'a.js', false],
    ['[^a]*.js', 'a.js', false],
    ['x[/]y', 'x/y', false],
    ['[[:digit:]][[:digit:]].txt', '42.txt', true],
    ['[[:digit:]][[:digit:]].txt', '4a.txt', false],
    ['[]]x', ']x', true],
    // braces, nested and empty alternatives
    ['*.{yml,yaml}', 'compose.yaml', true],
    ['*.{yml,yaml}', 'compose.json', false],
    ['*compose*.{yml,yaml}', 'deploy/docker-compose.override.yml', true],
    ['{src,lib}/**/*.{ts,js}', 'lib/x/y.js', true],
    ['{src,lib}/**/*.{ts,js}', 'test/x/y.js', false],
    ['*{,.min}.js', 'app.min.js', true],
    ['{a,{b,c}}.txt', 'c.txt', true],
    ['{a}.txt', '{a}.txt', true],
    ['{a}.txt', 'a.txt', false],
    // dotfiles are ordinary names
    ['*', '.env', true],
    ['*.yml', '.pre-commit-config.yml', true],
    ['**/.env.*', 'config/.env.production', true],
    ['.cursor/**', '.cursor/rules/style.mdc', true],
    // escapes and regex metacharacters are literal
    ['\\*.txt', '*.txt', true],
    ['\\*.txt', 'a.txt', false],
    ['a+b(c).txt', 'a+b(c).txt', true],
    ['a.b', 'axb', false],
    ['$x^', '$x^', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });

  it('is case-sensitive unless nocase is set', () => {
    expect(matchGlob('AGENTS.md', 'agents.md')).toBe(false);
    expect(matchGlob('AGENTS.md', 'pkg/agents.md', { nocase: true })).toBe(true);
  });

  it('compiles to one reusable RegExp', () => {
    const regex = compileGlob('**/*.sql');
    expect(regex.test('db/queries/users.sql')).toBe(true);
    expect(regex.test('db/queries/users.sqlx')).toBe(false);
  });
});

describe('compileGlobs', () => {
  it('matches when any pattern matches', () => {
    const match = compileGlobs(['*.md', 'docs/**']);
    expect(match('a/b.md')).toBe(true);
    expect(match('docs/conf.py')).toBe(true);
    expect(match('src/conf.py')).toBe(false);
  });

  it('lets a later negated pattern exclude, last match wins', () => {
    const match = compileGlobs(['docs/**', '!docs/conf.py', 'docs/conf.py.md']);
    expect(match('docs/intro.md')).toBe(true);
    expect(match('docs/conf.py')).toBe(false);
    expect(match('docs/conf.py.md')).toBe(true);
    expect(compileGlobs(['!*.md', '*.md'])('x.md')).toBe(true);
    expect(compileGlobs(['*.md', '!*.md'])('x.md')).toBe(false);
  });

  it('matches nothing for an empty list', () => {
    expect(compileGlobs([])('anything')).toBe(false);
  });
});

describe('invalid globs', () => {
  it.each([
    ['', 'it is empty'],
    ['/', 'names no path'],
    ['src/[abc', "'[' at position 5 is never closed"],
    ['*.{ts,js', "'{' at position 3 is never closed"],
    ['a}b', "'}' at position 2 has no opening '{'"],
    ['abc\\', 'lone backslash'],
    ['[[:letter:]]', "unknown character class '[:letter:]'"],
  ])('%j is a config-invalid error mentioning %s', (pattern, message) => {
    let caught: unknown;
    try {
      compileGlobs([pattern]);
    } catch (error) {
      caught = error;
    }
    expect(isGreenlightError(caught, 'config-invalid')).toBe(true);
    expect((caught as Error).message).toContain(`invalid glob '${pattern}'`);
    expect((caught as Error).message).toContain(message);
  });
});
