import { describe, expect, it } from 'vitest';
import { defaultConfig, RepoConfig } from '../../src/core/config/repo-config.ts';

describe('RepoConfig defaults', () => {
  it('gives every documented default for an empty file', () => {
    const config = defaultConfig();
    expect(config.trigger).toEqual({
      label: 'ai-generate',
      fixCommand: '/fix',
      allowedBots: [],
      fixOnChangesRequested: true,
    });
    expect(config.repair).toEqual({ maxAttempts: 2 });
    expect(config.budgets.maxIterations).toBe(5);
    expect(config.tests.flakinessReruns).toBe(3);
    expect(config.paths.deny).toContain('.github/workflows/**');
    expect(config.review.critical).toMatchObject({ approvals: 2, draft: true, requireCodeOwner: true });
    expect(config.review.low).toMatchObject({ approvals: 0, autoMerge: false });
  });

  it('rejects unknown keys instead of ignoring a typo', () => {
    const result = RepoConfig.safeParse({ budgets: { maxIteration: 3 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['budgets'] });
  });
});
