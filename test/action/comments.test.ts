import { describe, expect, it } from 'vitest';
import type { ActionOutcome } from '../../src/action/action-outcome.ts';
import { describeOutcome } from '../../src/action/describe-outcome.ts';
import { renderConfigComment } from '../../src/action/comments/render-config-comment.ts';
import { renderForkComment } from '../../src/action/comments/render-fork-comment.ts';
import { renderPublishNote } from '../../src/action/comments/render-progress-comment.ts';
import { describeHeadMoved, renderTargetComment } from '../../src/action/comments/render-target-comment.ts';
import { renderJobSummary } from '../../src/action/render-job-summary.ts';
import { requesterOf } from '../../src/action/requester-of.ts';
import { parseConfig } from '../../src/core/config/parse-config.ts';
import { defaultConfig } from '../../src/core/config/repo-config.ts';

const review = defaultConfig().review;
const pr = { number: 12, url: 'https://github.com/acme/shop/pull/12' };

describe('renderConfigComment', () => {
  it('names every problem with its line and field, and how to retry', () => {
    const parsed = parseConfig('budgets:\n  maxIterations: five\ntrigger:\n  lable: x\n');
    if (parsed.ok) throw new Error('expected an invalid config');
    const body = renderConfigComment({
      configPath: '.github/greenlight.yml',
      defaultBranch: 'main',
      errors: parsed.errors,
      retry: 'add the label again',
      runUrl: null,
    });
    expect(body).toContain('### ⚠️ greenlight did not run: `.github/greenlight.yml` is invalid');
    expect(body).toContain('has 2 problems, so no model was called and nothing changed.');
    expect(body).toMatch(/\| 2:\d+ \| `budgets\.maxIterations` \| expected an integer from 1 to 50/);
    expect(body).toMatch(/\| 4:\d+ \| `trigger\.lable` \|/);
    expect(body).toContain('.github/greenlight.yml:2:');
    expect(body).toContain('then add the label again.');
  });
});

describe('renderForkComment', () => {
  it('explains why fork code is not run with secrets', () => {
    const body = renderForkComment({ requester: 'alice', headRepo: 'mallory/shop', fixCommand: '/fix' });
    expect(body).toContain(
      '@alice, greenlight does not run `/fix` on this pull request: its branch lives in the fork `mallory/shop`.',
    );
    expect(body).toContain('could read those secrets');
    expect(renderForkComment({ requester: 'a', headRepo: null, fixCommand: '/fix' })).toContain(
      'a fork that no longer exists',
    );
  });
});

describe('renderTargetComment', () => {
  it.each([
    [
      { kind: 'pr-not-open', requester: 'alice', number: 7, merged: true, fixCommand: '/fix' } as const,
      '@alice, pull request #7 is merged, so greenlight did not run `/fix`.',
    ],
    [
      { kind: 'pr-not-open', requester: 'alice', number: 7, merged: false, fixCommand: '/fix' } as const,
      '@alice, pull request #7 is closed, so greenlight did not run `/fix`.',
    ],
    [
      { kind: 'issue-is-pr', requester: 'bob', number: 9, fixCommand: '/greenlight fix' } as const,
      '@bob, #9 is a pull request: greenlight generates changes for issues. Comment `/greenlight fix` on it instead.',
    ],
    [
      { kind: 'issue-closed', requester: 'bob', number: 3 } as const,
      '@bob, issue #3 is closed, so greenlight did not start. Reopen it first.',
    ],
  ])('says why %o is not worked on', (refusal, text) => {
    expect(renderTargetComment(refusal)).toBe(text);
  });

  it('names both heads and how to ask again when the head moved', () => {
    expect(describeHeadMoved({ requested: 'a'.repeat(40), now: 'b'.repeat(40), fixCommand: '/fix' })).toBe(
      "the pull request's head moved from `aaaaaaa` (when `/fix` was requested) to `bbbbbbb`. " +
        'greenlight only works on the commit that was requested: comment `/fix` again to work on the new head.',
    );
  });
});

describe('renderPublishNote', () => {
  it('heads the publish job’s result with its icon', () => {
    expect(renderPublishNote({ kind: 'finished', result: 'warning', text: 'Published the change.' })).toBe(
      '**Publish job:** ⚠️ Published the change.',
    );
  });
});

describe('describeOutcome', () => {
  it.each<[ActionOutcome, 'success' | 'warning' | 'failure', string]>([
    [
      { kind: 'opened', pr, branch: 'b', riskTier: 'medium', costUsd: 0 },
      'success',
      'Opened #12 from branch `b`. Risk tier **medium**: 1 approval before merge',
    ],
    [
      { kind: 'opened', pr, branch: 'b', riskTier: 'low', costUsd: 0 },
      'success',
      'Risk tier **low**: no approval required',
    ],
    [
      { kind: 'updated', pr, branch: 'b', riskTier: 'critical', costUsd: 0 },
      'success',
      '2 approvals including a code owner before merge',
    ],
    [
      { kind: 'gave-up', reason: 'The iteration budget is spent.', branch: 'b', pr: null, riskTier: 'low', costUsd: 0 },
      'warning',
      '**Stopped without a verified change.** The iteration budget is spent.\n\nThe work so far is on branch `b`',
    ],
    [
      { kind: 'gave-up', reason: 'Declined.', branch: null, pr: null, riskTier: 'low', costUsd: 0 },
      'warning',
      'nothing was pushed',
    ],
    [
      { kind: 'failed', what: 'running the engine', why: 'No API key.' },
      'failure',
      '**Stopped while running the engine.** No API key.',
    ],
    [
      { kind: 'bundled', bundlePath: 'x', verified: true, riskTier: 'low', costUsd: 0 },
      'success',
      'the publish job validates and pushes it',
    ],
  ])('%j', (outcome, result, text) => {
    const status = describeOutcome(outcome, 'riskTier' in outcome ? review[outcome.riskTier] : null, null);
    expect(status).toMatchObject({ kind: 'finished', result });
    expect(status.kind === 'finished' ? status.text : '').toContain(text);
  });

  it('shows what was tried when a run gave up', () => {
    const status = describeOutcome(
      { kind: 'gave-up', reason: 'r', branch: 'b', pr: null, riskTier: 'low', costUsd: 0 },
      null,
      '## greenlight: gave up\n\nrounds…',
    );
    expect(status.kind === 'finished' ? status.text : '').toContain(
      '<details><summary>What was tried</summary>\n\n## greenlight: gave up\n\nrounds…\n\n</details>',
    );
  });
});

describe('renderJobSummary', () => {
  it('heads the report with the outcome and ends with the audit details', () => {
    const summary = renderJobSummary({
      outcome: { kind: 'opened', pr, branch: 'b', riskTier: 'low', costUsd: 0 },
      review: review.low,
      report: '## greenlight: change verified\n\nbody',
      eventName: 'issues',
      mode: 'auto',
      auditLog: '/tmp/a.jsonl',
      runUrl: 'https://x/runs/1',
    });
    expect(summary).toMatch(/^## greenlight: opened\n\nOpened #12/);
    expect(summary).toContain('### greenlight: change verified\n\nbody');
    expect(summary).toContain('| audit log | `/tmp/a.jsonl` (step output `audit_log`');
    expect(summary).toContain('| run | https://x/runs/1 |');
  });
});

describe('requesterOf', () => {
  it('takes the id only from the same login in the event', () => {
    const payload = { sender: { login: 'Alice', id: 7 }, comment: { user: { login: 'bob', id: 8 } } };
    expect(requesterOf({ login: 'alice', isBot: false }, payload)).toEqual({ login: 'alice', id: 7 });
    expect(requesterOf({ login: 'bob', isBot: false }, payload)).toEqual({ login: 'bob', id: 8 });
    expect(requesterOf({ login: 'carol', isBot: false }, payload)).toEqual({ login: 'carol' });
    expect(requesterOf({ login: 'carol', isBot: false }, null)).toEqual({ login: 'carol' });
  });
});
