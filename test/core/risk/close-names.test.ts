import { describe, expect, it } from 'vitest';
import { closeNames } from '../../../src/core/risk/close-names.ts';
import { builtInRuleNames } from '../../../src/core/risk/compile-rules.ts';

describe('closeNames', () => {
  it.each([
    ['lockfiles', ['lockfile']],
    ['github-workflows', ['github-workflow']],
    ['migrations', ['migration-file', 'migration-folder', 'migration-content', 'migration-machinery']],
    ['documentaton', ['documentation']],
    ['zzzzzzzz', []],
  ])('%s → %j', (name, expected) => {
    expect(closeNames(name, builtInRuleNames())).toEqual(expected);
  });
});
