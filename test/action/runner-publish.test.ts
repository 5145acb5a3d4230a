import { describe, expect, it } from 'vitest';
import type { PublishedBundle } from '../../src/compose/action-services.ts';
import { fakeSha } from '../fakes/fake-forge.ts';
import { harness, labeledEvent, RUN_URL } from './harness.ts';

const risk = { tier: 'critical' as const, files: [], overridesApplied: [] };
const opened: PublishedBundle = {
  result: {
    kind: 'opened',
    prNumber: 12,
    prUrl: 'https://github.com/acme/shop/pull/12',
    branch: 'greenlight/issue-3-x',
    commitSha: fakeSha('c'),
    risk,
    gate: 'pending',
  },
  verified: true,
  costUsd: 0.2,
  reason: null,
};

function setup() {
  const h = harness();
  h.forge.setPermission('alice', 'write');
  h.forge.addIssue({ number: 3 });
  h.services.bundleAnswer = opened;
  return h;
}

describe('Action runner: mode publish', () => {
  it("publishes a bundle for the requester of this run's event and finishes the generate job's comment", async () => {
    const h = setup();
    const progress = await h.forge.createComment(
      3,
      '<!-- greenlight:progress run=4242 -->\n\n### ✅ greenlight — issue #3\n\nbundle written\n',
    );
    const run = await h.run('issues', labeledEvent(3), {
      inputs: { mode: 'publish', bundle_path: '/tmp/bundle', anthropic_api_key: '' },
    });
    expect(run.code).toBe(0);
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.services.calls.publishBundle[0]).toMatchObject({
      path: '/tmp/bundle',
      requester: { login: 'alice', id: 1001 },
      detailsUrl: RUN_URL,
      dryRun: false,
      expected: { kind: 'issue', issue: { number: 3, title: 'Issue 3' }, baseBranch: 'main' },
    });
    expect(run.outputs).toMatchObject({
      outcome: 'published',
      pr_number: '12',
      risk_tier: 'critical',
      branch: 'greenlight/issue-3-x',
    });
    const body = h.forge.comments.find((c) => c.id === progress.id)?.body ?? '';
    expect(body).toContain(
      'bundle written\n\n---\n\n**Publish job:** ✅ Published #12 from branch `greenlight/issue-3-x`. Risk tier **critical**: 2 approvals including a code owner',
    );
    expect(h.forge.comments).toHaveLength(1);
  });

  it('comments on the target when the generate job left no progress comment', async () => {
    const h = setup();
    await h.run('issues', labeledEvent(3), { inputs: { mode: 'publish', bundle_path: 'b' } });
    expect(h.forge.commentsOn(3)[0]?.body).toContain('**Publish job:** ✅ Published #12');
  });

  it('fails the step when the bundle holds the work of a run that gave up', async () => {
    const h = setup();
    h.services.bundleAnswer = {
      ...opened,
      verified: false,
      reason: 'The iteration budget is spent.',
      result: {
        kind: 'pushed-branch',
        branch: 'greenlight/issue-3-x',
        commitSha: fakeSha('w'),
        risk,
        gate: null,
        compareUrl: 'x',
        reason: 'The iteration budget is spent.',
      },
    };
    const run = await h.run('issues', labeledEvent(3), { inputs: { mode: 'publish', bundle_path: 'b' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'published', pr_number: '', branch: 'greenlight/issue-3-x' });
    expect(h.forge.commentsOn(3)[0]?.body).toContain(
      '**Publish job:** ⚠️ Published the change to branch `greenlight/issue-3-x`.',
    );
  });

  it('re-checks the requester: no write access, no publish', async () => {
    const h = setup();
    h.forge.setPermission('alice', 'read');
    const run = await h.run('issues', labeledEvent(3), { inputs: { mode: 'publish', bundle_path: 'b' } });
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.services.calls.publishBundle).toEqual([]);
  });

  it('publishes nothing for an event that requests no change', async () => {
    const h = setup();
    const run = await h.run('issues', labeledEvent(3, { label: 'bug' }), {
      inputs: { mode: 'publish', bundle_path: 'b' },
    });
    expect(run.outputs['outcome']).toBe('refused');
    expect(run.lines.at(-1)).toContain(
      "does not request a change (issues.labeled: label 'bug' is not the trigger label 'ai-generate')",
    );
    expect(h.services.calls.publishBundle).toEqual([]);
  });

  it('expects a fix bundle for the pull request head the dispatch recorded', async () => {
    const h = setup();
    const pr = h.forge.addPullRequest({ number: 7 });
    h.services.bundleAnswer = {
      ...opened,
      result: {
        ...opened.result,
        kind: 'pushed-fix',
        prNumber: 7,
        prUrl: pr.htmlUrl,
        previousTier: 'low',
      } as PublishedBundle['result'],
    };
    const recorded = fakeSha('recorded');
    const { dispatchEvent } = await import('./harness.ts');
    const run = await h.run(
      'workflow_dispatch',
      dispatchEvent({ pr: '7', head_sha: recorded, instruction: 'cover errors' }),
      { inputs: { mode: 'publish', bundle_path: 'b' } },
    );
    expect(run.outputs).toMatchObject({ outcome: 'published', pr_number: '7' });
    expect(h.services.calls.publishBundle[0]?.expected).toMatchObject({
      kind: 'pr',
      pr: { number: 7, headSha: recorded },
      instruction: 'cover errors',
    });
  });

  it('reports a bundle the publisher rejects', async () => {
    const h = setup();
    const { GreenlightError } = await import('../../src/ports/errors.ts');
    h.services.bundleAnswer = new GreenlightError('bundle-invalid', "The bundle's patch does not apply to its base.");
    const run = await h.run('issues', labeledEvent(3), { inputs: { mode: 'publish', bundle_path: 'b' } });
    expect(run.code).toBe(1);
    expect(run.lines).toContain(
      "::error::greenlight failed while publishing the change bundle: The bundle's patch does not apply to its base.",
    );
    expect(h.forge.commentsOn(3)[0]?.body).toContain(
      "**Publish job:** ❌ **Stopped while publishing the change bundle.** The bundle's patch does not apply to its base.",
    );
  });
});
