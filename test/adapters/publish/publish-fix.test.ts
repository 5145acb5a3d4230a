import { afterEach, describe, expect, it } from 'vitest';
import { publishFix, type FixTarget, type PublishFixOptions } from '../../../src/adapters/publish/publish-fix.ts';
import { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { GATE_CHECK_NAME } from '../../../src/core/gate/gate-check-run.ts';
import { encodeGateMemo, parseGateMemo } from '../../../src/core/publish/gate-external-id.ts';
import type { JobResult } from '../../../src/core/job.ts';
import { FakeForge } from '../../fakes/fake-forge.ts';
import { jobFor, publishRepo, TOKEN, type PublishRepo } from './publish-fixture.ts';

let repo: PublishRepo;
afterEach(() => repo?.cleanup());

interface Setup {
  forge: FakeForge;
  head: string;
  pr: FixTarget;
}

/** A same-repository pull request #7 from `feature` (a source change, medium), with greenlight's gate on its head. */
function setup(): Setup {
  repo = publishRepo();
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('src/feature.js', 'export const feature = () => 1;\n');
  repo.git('add', '--all');
  repo.git('commit', '-q', '-m', 'feature');
  repo.git('push', '-q', 'origin', 'feature');
  const head = repo.git('rev-parse', 'HEAD').trim();
  const forge = new FakeForge();
  forge.addPullRequest({
    number: 7,
    headRef: 'feature',
    headSha: head,
    baseRef: 'main',
    author: { login: 'bob', isBot: false },
    labels: ['greenlight', 'risk:medium'],
  });
  void forge.createCheckRun({
    name: GATE_CHECK_NAME,
    headSha: head,
    status: 'in_progress',
    title: 'Waiting',
    summary: '',
    externalId: encodeGateMemo({ tier: 'medium', requesters: ['alice'] }),
  });
  forge.calls.length = 0;
  return {
    forge,
    head,
    pr: {
      number: 7,
      headRef: 'feature',
      headSha: head,
      headRepo: 'acme/shop',
      baseRepo: 'acme/shop',
      baseRef: 'main',
      instruction: 'handle the empty list',
    },
  };
}

async function fixWith(
  s: Setup,
  files: Record<string, string>,
  kind: 'succeeded' | 'gave-up' = 'succeeded',
): Promise<JobResult> {
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  return jobFor(await repo.takeDiff(s.head), { kind });
}

function options(s: Setup, job: JobResult, extra: Partial<PublishFixOptions> = {}): PublishFixOptions {
  return {
    root: repo.root,
    forge: s.forge,
    config: RepoConfig.parse({}),
    job,
    pr: s.pr,
    requester: { login: 'carol', id: 9 },
    token: TOKEN,
    serverUrl: 'https://github.com',
    botLogin: 'greenlight[bot]',
    ...extra,
  };
}

describe('publishFix', () => {
  it('pushes one commit on the recorded head with a lease, re-classifies the whole pull request and swaps the label', async () => {
    const s = setup();
    const result = await publishFix(
      options(s, await fixWith(s, { 'db/migrations/002_orders.sql': 'CREATE TABLE orders (id int);\n' })),
    );

    if (result.kind !== 'pushed-fix') throw new Error(JSON.stringify(result));
    expect(result).toMatchObject({ branch: 'feature', prNumber: 7, previousTier: 'medium', gate: 'failure' });
    expect(result.risk.tier).toBe('critical');
    expect(result.risk.files.map((f) => f.path).sort()).toEqual(['db/migrations/002_orders.sql', 'src/feature.js']);
    expect(repo.remoteBranch('feature')).toBe(result.commitSha);
    expect(repo.remoteGit('rev-parse', `${result.commitSha}^`).trim()).toBe(s.head);
    expect(repo.remoteGit('log', '-1', '--format=%s', result.commitSha).trim()).toBe('fix: handle the empty list');
    expect(s.forge.pullRequests.get(7)?.labels).toEqual(['greenlight', 'risk:critical']);
    const [check] = s.forge.checkRunsOn(result.commitSha, GATE_CHECK_NAME);
    expect(parseGateMemo(check?.externalId)).toEqual({ tier: 'critical', requesters: ['alice', 'carol', 'bob'] });
    expect(result.warnings).toEqual([expect.stringContaining('now `critical`, which greenlight opens as a draft')]);
  });

  it('classifies the whole pull request, not only the fix: a test-only fix on a source change stays medium', async () => {
    const s = setup();
    const result = await publishFix(options(s, await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" })));
    expect(result.kind === 'pushed-fix' && result.risk.tier).toBe('medium');
    expect(s.forge.pullRequests.get(7)?.labels).toEqual(['greenlight', 'risk:medium']);
  });

  it('refuses a fix that holds a secret before anything is pushed, naming file and line (docs/security.md §29)', async () => {
    const s = setup();
    const secret = 'deploy-key-0123456789abcdefghijklmnop';
    const job = await fixWith(s, { 'test/feature.test.js': `test('f', () => {});\nconst k = '${secret}';\n` });

    const result = await publishFix(options(s, job, { secrets: [secret] }));

    expect(result).toMatchObject({
      kind: 'refused',
      reason: 'secrets',
      findings: [{ path: 'test/feature.test.js', line: 2 }],
    });
    expect(repo.remoteBranch('feature')).toBe(s.head);
    expect(s.forge.calls).toEqual([]);
  });

  it('refuses when GitHub shows the head moved since /fix was requested, and pushes nothing', async () => {
    const s = setup();
    const job = await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" });
    const moved = s.forge.pushTo(7);

    const result = await publishFix(options(s, job));

    expect(result).toMatchObject({ kind: 'refused', reason: 'head-moved', currentHeadSha: moved });
    expect(result.kind === 'refused' && result.message).toContain("never pushes over someone else's commit");
    expect(repo.remoteBranch('feature')).toBe(s.head);
    expect(s.forge.callsOf('createCheckRun')).toEqual([]);
  });

  it('lets the lease catch a push GitHub does not show yet, and never overwrites it', async () => {
    const s = setup();
    const job = await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" });
    repo.write('src/other.js', 'someone else\n');
    repo.git('add', '--all');
    repo.git('commit', '-q', '-m', 'someone else pushed');
    repo.git('push', '-q', 'origin', 'feature');
    const theirs = repo.git('rev-parse', 'HEAD').trim();

    const result = await publishFix(options(s, job));

    expect(result).toMatchObject({ kind: 'refused', reason: 'head-moved', currentHeadSha: theirs });
    expect(repo.remoteBranch('feature')).toBe(theirs);
  });

  it('succeeds with the lease when the head is unchanged, on a detached checkout too', async () => {
    const s = setup();
    const job = await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" });
    repo.git('checkout', '-q', '--detach', s.head);
    const result = await publishFix(options(s, job));
    expect(result.kind).toBe('pushed-fix');
    expect(repo.git('rev-parse', 'refs/heads/greenlight/fix-pr-7').trim()).toBe(
      result.kind === 'pushed-fix' ? result.commitSha : '',
    );
  });

  it('refuses a pull request from a fork without touching git or GitHub', async () => {
    const s = setup();
    const job = await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" });
    const result = await publishFix(options(s, job, { pr: { ...s.pr, headRepo: 'mallory/shop' } }));

    expect(result).toMatchObject({ kind: 'refused', reason: 'fork' });
    expect(result.kind === 'refused' && result.message).toContain(
      "does not run a fork's code with this repository's secrets",
    );
    expect(s.forge.calls).toEqual([]);
    expect(repo.remoteBranch('feature')).toBe(s.head);
  });

  it('refuses a closed pull request', async () => {
    const s = setup();
    const job = await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" });
    s.forge.pullRequests.set(7, {
      ...(s.forge.pullRequests.get(7) as NonNullable<ReturnType<typeof s.forge.pullRequests.get>>),
      state: 'closed',
    });
    expect(await publishFix(options(s, job))).toMatchObject({ kind: 'refused', reason: 'pr-closed' });
    expect(repo.remoteBranch('feature')).toBe(s.head);
  });

  it('pushes a fix that gave up to greenlight/fix-pr-<n>-wip, leaving the pull request alone', async () => {
    const s = setup();
    const result = await publishFix(
      options(s, await fixWith(s, { 'test/feature.test.js': "test('f', () => {});\n" }, 'gave-up')),
    );

    expect(result).toMatchObject({
      kind: 'pushed-branch',
      branch: 'greenlight/fix-pr-7-wip',
      compareUrl: 'https://github.com/acme/shop/compare/feature...greenlight/fix-pr-7-wip?expand=1',
    });
    expect(repo.remoteBranch('feature')).toBe(s.head);
    expect(repo.remoteGit('rev-parse', 'greenlight/fix-pr-7-wip^').trim()).toBe(s.head);
    expect(s.forge.callsOf('addLabels')).toEqual([]);
  });
});
