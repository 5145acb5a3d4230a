import { describe, expect, it } from 'vitest';
import { createPathPolicy } from '../../../src/core/tools/path-policy.ts';

const policy = createPathPolicy({
  roots: ['/work/checkout/'],
  allow: ['src/**', 'test/**', 'README.md'],
  deny: ['.github/workflows/**', '.github/actions/**', '.git/**', '**/.env', '**/.env.*'],
  hidden: ['secrets/**'],
});

describe('createPathPolicy', () => {
  it.each([
    ['src/a.ts', 'src/a.ts'],
    ['./src/a.ts', 'src/a.ts'],
    ['src//lib/./a.ts', 'src/lib/a.ts'],
    ['/repo/src/a.ts', 'src/a.ts'],
    ['/work/checkout/src/a.ts', 'src/a.ts'],
    ['test/a.test.ts', 'test/a.test.ts'],
    ['README.md', 'README.md'],
  ])('allows writing %s as %s', (raw, path) => {
    expect(policy.check(raw, 'write')).toEqual({ ok: true, path });
  });

  it.each([
    ['/etc/passwd', 'absolute paths outside the workspace'],
    ['/work/checkout-other/x', 'absolute paths outside the workspace'],
    ['/repository/x', 'absolute paths outside the workspace'],
    ['../outside.txt', "'..' is not allowed"],
    ['src/../../outside.txt', "'..' is not allowed"],
    ['src/../README.md', "'..' is not allowed"],
    ['~/.ssh/id_rsa', 'home-directory paths'],
    ['src\\a.ts', 'forward slashes'],
    ['src/a\u0000.ts', 'control characters'],
    ['.git/config', '.git/ is off limits'],
    ['.git/hooks/pre-commit', '.git/ is off limits'],
    ['vendor/lib/.git/config', '.git/ is off limits'],
    ['.GIT/config', '.git/ is off limits'],
    ['.github/workflows/ci.yml', "paths.deny ('.github/workflows/**')"],
    ['.GitHub/Workflows/ci.yml', "paths.deny ('.github/workflows/**')"],
    ['src/.env', "paths.deny ('**/.env')"],
    ['.env.production', "paths.deny ('**/.env.*')"],
    ['secrets/key.txt', 'context.exclude'],
    ['package.json', 'not matched by paths.allow'],
    ['', 'a path must be a non-empty string'],
    ['/repo', 'the repository root is a directory'],
  ])('refuses writing %s: %s', (raw, reason) => {
    const decision = policy.check(raw, 'write');
    expect(decision.ok).toBe(false);
    expect(decision.ok ? '' : decision.reason).toContain(reason);
  });

  it.each([
    ['package.json', true],
    ['/repo', true],
    ['.', true],
    ['src/.env', false],
    ['.git/HEAD', false],
    ['.github/workflows/ci.yml', false],
    ['secrets/key.txt', false],
  ])('read access to %s is %s', (raw, ok) => {
    expect(policy.check(raw, 'read').ok).toBe(ok);
  });

  it('refuses input that is not a string', () => {
    expect(policy.check(42, 'read')).toEqual({ ok: false, path: '42', reason: 'a path must be a non-empty string' });
  });

  it('re-checks resolved paths and hides refused ones from listings', () => {
    expect(policy.checkRelative('.github/workflows/ci.yml', 'read').ok).toBe(false);
    expect([policy.visible('src/a.ts'), policy.visible('.git'), policy.visible('.env')]).toEqual([true, false, false]);
  });
});
