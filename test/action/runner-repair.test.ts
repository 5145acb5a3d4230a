import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeSha } from '../fakes/fake-forge.ts';
import { webhookExample, type ExamplePayload } from '../fakes/webhook-example.ts';
import { dispatchEvent, harness } from './harness.ts';
import { jobResult } from './job-result.ts';

const LOG = readFileSync(join(import.meta.dirname, '../fixtures/ci-logs/node-test-failure.log'), 'utf8');
const GREENLIGHT_EMAIL = 'greenlight[bot]@users.noreply.github.com';
const OWN_WORKFLOW = { GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/greenlight.yml@refs/heads/main' };
const CI_YML =
  'name: CI\non: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx vitest run\n';

/** A greenlight pull request #7 whose CI run 900 failed at its head; `repairs` repair commits on it already. */
function setup(options: { repairs?: number; labels?: string[]; author?: string } = {}) {
  const h = harness();
  const pr = h.forge.addPullRequest({
    number: 7,
    title: 'test: cover clamp',
    headRef: 'greenlight/issue-3-clamp',
    labels: options.labels ?? ['greenlight', 'risk:low'],
    author: { login: options.author ?? 'github-actions[bot]', isBot: (options.author ?? '[bot]').endsWith('[bot]') },
  });
  h.forge.addCommit(7, null, { name: 'greenlight[bot]', email: GREENLIGHT_EMAIL, message: 'test: cover clamp\n' });
  for (let n = 1; n <= (options.repairs ?? 0); n++) {
    h.forge.addCommit(7, null, {
      name: 'greenlight[bot]',
      email: GREENLIGHT_EMAIL,
      message: `fix: repair CI of #7 (attempt ${n})\n\nMade by greenlight.\n\nGreenlight-Repair: ${n}\nGreenlight-Repair-Failure: 0000000${n}\n`,
    });
  }
  const head = h.forge.pullRequests.get(7)?.headSha ?? pr.headSha;
  h.forge.setFile('.github/workflows/ci.yml', CI_YML);
  h.forge.addWorkflowRun({ id: 900, headSha: head, pullRequests: [7] }, [
    {
      job: {
        id: 31,
        name: 'test',
        steps: [
          { number: 1, name: 'Set up job', conclusion: 'success' },
          { number: 2, name: 'Run npx vitest run', conclusion: 'failure' },
        ],
      },
      log: LOG.replace(/Run npm test/g, 'Run npx vitest run'),
    },
    { job: { id: 32, name: 'lint', conclusion: 'success' } },
  ]);
  h.services.head = head;
  return { h, head };
}

function failedRun(head: string, path = '.github/workflows/ci.yml'): ExamplePayload {
  const payload = webhookExample('workflow_run', 'completed', 2);
  payload.repository.full_name = 'acme/shop';
  payload.workflow_run.id = 900;
  payload.workflow_run.conclusion = 'failure';
  payload.workflow_run.head_sha = head;
  payload.workflow_run.path = path;
  payload.workflow_run.head_repository = { full_name: 'acme/shop' };
  payload.workflow_run.pull_requests = [{ number: 7 }];
  return payload;
}

describe('Action runner: CI repair', () => {
  it('repairs a red run: the failure report as quoted data, the failing CI command verified too, one commit with the attempt', async () => {
    const { h, head } = setup();
    const run = await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'updated', pr_number: '7', branch: 'greenlight/issue-3-clamp' });
    expect(h.services.calls.checkoutCommit).toEqual([{ sha: head, branches: ['greenlight/issue-3-clamp'] }]);
    const options = h.services.calls.runJob[0];
    expect(options?.extraTestCommand).toBe('npx vitest run');
    expect(options?.task).toMatchObject({
      mode: 'fix',
      pullRequestNumber: 7,
      baseSha: head,
      ciFailure: { runId: 900 },
    });
    expect(options?.task.instruction).toBeUndefined();
    const report = options?.task.ciFailure?.report ?? '';
    expect(report).toContain('Job "test" failed at step "Run npx vitest run".');
    expect(report).toContain('✖ clamp raises values below min');
    expect(report).not.toMatch(/\u001b|2025-06-30T10/);
    expect(h.services.calls.publishFix[0]).toMatchObject({
      pr: { number: 7, headSha: head },
      origin: { kind: 'repair', attempt: 1, runUrl: 'https://github.com/acme/shop/actions/runs/900' },
    });
    expect(h.services.calls.publishFix[0]?.requester).toBeUndefined();
    const progress = h.forge.commentsOn(7).map((c) => c.body);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toContain('### ✅ greenlight — CI repair 1 of 2 on pull request #7');
    expect(h.forge.reactions).toEqual([]);
    expect(h.forge.callsOf('readJobLog')).toEqual([[31, 1_000_000]]);
  });

  it('ends the repair comment with the evidence record, whose commit is the one the publish step kept', async () => {
    const { h, head } = setup();
    // The publisher calls the hook as the real one does when it keeps a commit.
    const publishFix = h.services.publishFix.bind(h.services);
    h.services.publishFix = async (request) => {
      const result = await publishFix(request);
      if (result.kind === 'pushed-fix')
        await request.evidence?.({
          sha: result.commitSha,
          parent: request.pr.headSha,
          branch: result.branch,
          pushed: true,
          role: 'fix',
          risk: result.risk,
        });
      return result;
    };
    const run = await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    expect(run.outputs['outcome']).toBe('updated');
    const record = JSON.parse(readFileSync(run.outputs['evidence'] ?? '', 'utf8')) as Record<string, unknown>;
    expect(record['commit']).toEqual({
      sha: fakeSha('commit'),
      parent: head,
      branch: 'greenlight/issue-3-clamp',
      pushed: true,
      role: 'fix',
    });
    const progress = h.forge.commentsOn(7)[0]?.body ?? '';
    const evidence = progress.slice(progress.indexOf('### Evidence'));
    expect(evidence).toContain(`| Commit | \`${fakeSha('commit').slice(0, 12)}\` on \`greenlight/issue-3-clamp\``);
    // The record is the comment's last part.
    expect(progress.trimEnd().endsWith("| Risk | `low` (the publish step's own classification) |")).toBe(true);
  });

  it('at the cap: one needs-a-human comment and the label (created), and no model call', async () => {
    const { h, head } = setup({ repairs: 2 });
    const run = await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ outcome: 'needs-human', pr_number: '7' });
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.services.calls.checkoutCommit).toEqual([]);
    const comments = h.forge.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('### 🙋 greenlight stopped repairing CI on #7: a human is needed');
    expect(comments[0]?.body).toContain('- repair 2: [`');
    expect(comments[0]?.body).toContain('✖ clamp raises values below min');
    expect(h.forge.labels.get('greenlight:needs-human')).toMatchObject({ color: 'e99695' });
    expect(h.forge.pullRequests.get(7)?.labels).toContain('greenlight:needs-human');

    // The next failure finds the label: nothing more is said.
    const again = await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    expect(again.outputs['outcome']).toBe('skipped');
    expect(h.forge.commentsOn(7)).toHaveLength(1);
  });

  it('asks for a person, without a model call, when CI fails the same way on its own last repair', async () => {
    const { h, head } = setup();
    await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    // The repair commit lands with the trailers publishFix wrote; CI fails again, the same way.
    const message = h.services.calls.publishFix[0]?.origin;
    expect(message?.kind).toBe('repair');
    const fingerprint = message?.kind === 'repair' ? message.fingerprint : '';
    const repaired = h.forge.addCommit(7, null, {
      name: 'greenlight[bot]',
      email: GREENLIGHT_EMAIL,
      message: `fix: repair\n\nGreenlight-Repair: 1\nGreenlight-Repair-Failure: ${fingerprint}\n`,
    }).sha;
    h.forge.workflowRuns.set(900, { ...h.forge.workflowRuns.get(900)!, headSha: repaired });
    const run = await h.run('workflow_run', failedRun(repaired), { env: OWN_WORKFLOW });
    expect(run.outputs['outcome']).toBe('needs-human');
    expect(h.services.calls.runJob).toHaveLength(1);
    expect(h.forge.commentsOn(7).at(-1)?.body).toContain("CI failed the same way on greenlight's last repair commit");
  });

  it('an attempt without a verified change is no progress: the work so far, a person asked once', async () => {
    const { h, head } = setup();
    h.services.job = jobResult('gave-up');
    h.services.publishAnswer = {
      kind: 'pushed-branch',
      branch: 'greenlight/fix-pr-7-wip',
      commitSha: fakeSha('wip'),
      risk: { tier: 'low', files: [], overridesApplied: [] },
      gate: null,
      compareUrl: 'https://github.com/acme/shop/compare/x...y',
      reason: 'The iteration budget (5 rounds) is spent.',
    };
    const run = await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    expect(run.outputs['outcome']).toBe('needs-human');
    const bodies = h.forge.commentsOn(7).map((c) => c.body);
    expect(bodies).toHaveLength(2); // the progress comment and the needs-a-human comment
    expect(bodies[1]).toContain(
      '**Why:** This repair attempt produced no verified change: The iteration budget (5 rounds) is spent.',
    );
    expect(bodies[1]).toContain('the work so far is on `greenlight/fix-pr-7-wip`');
    expect(bodies[0]).toContain('**A human is needed on #7.**');
    expect(h.forge.pullRequests.get(7)?.labels).toContain('greenlight:needs-human');
  });

  it.each([
    [
      "greenlight's own workflow",
      () => setup(),
      (head: string) => failedRun(head, '.github/workflows/greenlight.yml'),
      "greenlight's own workflow",
    ],
    [
      'a pull request greenlight did not open',
      () => setup({ author: 'alice' }),
      (head: string) => failedRun(head),
      'was not opened by greenlight',
    ],
    [
      'a pull request without the label',
      () => setup({ labels: [] }),
      (head: string) => failedRun(head),
      "no 'greenlight' label",
    ],
    ['a head that moved on', () => setup(), () => failedRun(fakeSha('older')), 'moved on'],
  ])('does nothing for %s: no comment, no model call', async (_name, make, payload, reason) => {
    const { h, head } = make();
    const event = payload(head);
    if (event.workflow_run.head_sha !== head)
      h.forge.workflowRuns.set(900, { ...h.forge.workflowRuns.get(900)!, headSha: event.workflow_run.head_sha });
    const run = await h.run('workflow_run', event, { env: OWN_WORKFLOW });
    expect(run.code).toBe(0);
    expect(run.outputs['outcome']).toBe('skipped');
    expect(run.lines.join('\n')).toContain(reason);
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.forge.comments).toEqual([]);
  });

  it('repairs on a dispatch (mode repair, inputs pr and run_id), reading the run from the API', async () => {
    const { h, head } = setup();
    const run = await h.run(
      'workflow_dispatch',
      dispatchEvent({ pr: '7', run_id: '900' }, 'greenlight-app[bot]', 'Bot'),
      {
        inputs: { mode: 'repair' },
        env: OWN_WORKFLOW,
      },
    );
    expect(run.outputs['outcome']).toBe('updated');
    expect(h.forge.callsOf('getWorkflowRun')).toEqual([[900]]);
    expect(h.services.calls.publishFix[0]?.pr.headSha).toBe(head);
  });

  it('is off with repair.maxAttempts: 0', async () => {
    const { h, head } = setup();
    h.forge.setFile('.github/greenlight.yml', 'repair:\n  maxAttempts: 0\n');
    const run = await h.run('workflow_run', failedRun(head), { env: OWN_WORKFLOW });
    expect(run.outputs['outcome']).toBe('skipped');
    expect(h.forge.callsOf('getWorkflowRun')).toEqual([]);
  });
});
