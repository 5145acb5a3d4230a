import { describe, expect, it } from 'vitest';
import { classifyPullRequestFiles, MAX_LISTED_FILES } from '../../../src/app/gate/classify-pull-request-files.ts';
import { gateRequesters, uniqueLogins } from '../../../src/app/gate/gate-requesters.ts';
import { issueFromBranch } from '../../../src/app/gate/issue-from-branch.ts';
import type { ModeFacts } from '../../../src/core/github/pull-request-changes.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';

const noModes: ModeFacts = { base: new Map(), head: new Map() };

describe('classifyPullRequestFiles', () => {
  const risk = defaultConfig().risk;

  it('explains files without a diff', () => {
    const assessment = classifyPullRequestFiles(
      [{ filename: 'logo.png', status: 'added', additions: 0, deletions: 0 }],
      noModes,
      risk,
    );
    expect(assessment.tier).toBe('high');
    expect(assessment.files[0]?.reason).toContain('GitHub shows no diff for this file');
  });

  it('makes a change whose file list GitHub cut critical', () => {
    const files = Array.from({ length: MAX_LISTED_FILES }, (_, i) => ({
      filename: `test/t${i}.test.ts`,
      status: 'modified',
      patch: '@@ -1 +1 @@\n-a\n+b',
      additions: 1,
      deletions: 1,
    }));
    const assessment = classifyPullRequestFiles(files, null, risk);
    expect(assessment.tier).toBe('critical');
    expect(assessment.files.slice(0, 2).map((f) => f.rule)).toEqual(['file-list-cut', 'modes-unread']);
  });

  it('an empty change is low', () => {
    expect(classifyPullRequestFiles([], null, risk).tier).toBe('low');
  });
});

describe('issueFromBranch', () => {
  it.each([
    ['greenlight/issue-12-add-tests', 'greenlight/issue-{number}-{slug}', 12],
    ['greenlight/issue-12-', 'greenlight/issue-{number}-{slug}', 12],
    ['bots/12/run-3', 'bots/{number}/run-{run}', 12],
    ['greenlight/issue-x-add', 'greenlight/issue-{number}-{slug}', null],
    ['feature/issue-12-add', 'greenlight/issue-{number}-{slug}', null],
    ['greenlight/add-tests', 'greenlight/{slug}', null],
    ['a.b/7', 'a.b/{number}', 7],
    ['axb/7', 'a.b/{number}', null],
  ])('%s with %s → %s', (branch, template, expected) => {
    expect(issueFromBranch(branch, template)).toBe(expected);
  });
});

describe('gateRequesters', () => {
  const human = (login: string) => ({ login, isBot: false });
  const bot = (login: string) => ({ login, isBot: true });

  it('unites every recorded requester, humans only, once each', () => {
    expect(
      gateRequesters({
        prAuthor: bot('github-actions[bot]'),
        fixCommenters: [human('Bob'), bot('renovate[bot]'), human('bob')],
        labelers: [human('alice')],
        recorded: ['carol', 'ALICE'],
      }),
    ).toEqual(['alice', 'Bob', 'carol']);
  });

  it('counts a human author', () => {
    expect(gateRequesters({ prAuthor: human('frank'), fixCommenters: [], labelers: [], recorded: [] })).toEqual([
      'frank',
    ]);
  });

  it('drops anything that is not a login', () => {
    expect(uniqueLogins(['ok-name', 'not a login', '', '-bad', 'x[bot]'])).toEqual(['ok-name', 'x[bot]']);
  });
});
