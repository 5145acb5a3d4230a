import { describe, expect, it } from 'vitest';
import { localBranchName } from '../../src/compose/local-branch-name.ts';
import { RepoConfig } from '../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../src/ports/errors.ts';

const at = new Date('2025-01-31T23:59:58.123Z');
const config = (template?: string) => RepoConfig.parse(template === undefined ? {} : { branch: { template } });

describe('localBranchName', () => {
  it.each<[string | undefined, { title: string; body: string; issueNumber?: number }, string]>([
    [undefined, { title: 'Add tests for `clamp()`', body: '' }, 'greenlight/issue-local-add-tests-for-clamp'],
    [undefined, { title: 'Cover clamp', body: '', issueNumber: 7 }, 'greenlight/issue-7-cover-clamp'],
    ['bot/{slug}-{run}', { title: 'Cover clamp', body: '' }, 'bot/cover-clamp-20250131T235958Z'],
    ['work/{number}', { title: 'x', body: '' }, 'work/local'],
  ])('%s for %j is %s', (template, task, name) => {
    expect(localBranchName(config(template), task, at)).toBe(name);
  });

  it('refuses a template that gives no valid branch name', () => {
    let error: unknown;
    try {
      localBranchName(config('greenlight/{oops}'), { title: 'x', body: '' }, at);
    } catch (e) {
      error = e;
    }
    expect(isGreenlightError(error, 'config-invalid')).toBe(true);
    expect((error as Error).message).toContain('unknown placeholder {oops}');
  });
});
