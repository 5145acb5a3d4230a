import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { checkPublishPaths } from '../../../src/core/publish/check-publish-paths.ts';

const paths = defaultConfig().paths;

describe('checkPublishPaths', () => {
  it.each([
    ['src/a.ts', null],
    ['test/a.test.ts', null],
    ['.github/CODEOWNERS', null],
    ['.github/workflows/ci.yml', 'workflow files are never pushed'],
    ['.GitHub/Workflows/ci.yml', 'workflow files are never pushed'],
    ['.github/actions/setup/action.yml', 'matches paths.deny'],
    ['app/.env', 'matches paths.deny'],
    ['.git/config', 'is inside .git'],
    ['vendor/.GIT/hooks/pre-commit', 'is inside .git'],
    ['/etc/passwd', 'not a relative path'],
    ['C:/x', 'not a relative path'],
    ['a/../b', 'has an empty, "." or ".." path component'],
    ['a//b', 'has an empty, "." or ".." path component'],
  ])('%j', (path, reason) => {
    const violations = checkPublishPaths([{ path }], paths);
    if (reason === null) expect(violations).toEqual([]);
    else expect(violations).toEqual([{ path, reason: expect.stringContaining(reason) }]);
  });

  it('keeps workflows out even when the config allows them', () => {
    const open = { allow: ['**'], deny: [] };
    expect(checkPublishPaths([{ path: '.github/workflows/release.yml' }], open)).toHaveLength(1);
  });

  it('checks both names of a rename, so a workflow cannot be moved out either', () => {
    expect(checkPublishPaths([{ path: 'docs/old-ci.yml', previousPath: '.github/workflows/ci.yml' }], paths)).toEqual([
      { path: '.github/workflows/ci.yml', reason: expect.stringContaining('never pushed') },
    ]);
  });

  it('applies paths.allow', () => {
    const narrow = { allow: ['test/**'], deny: [] };
    expect(checkPublishPaths([{ path: 'test/a.test.ts' }, { path: 'src/a.ts' }], narrow)).toEqual([
      { path: 'src/a.ts', reason: 'is not matched by paths.allow in .github/greenlight.yml' },
    ]);
  });
});
