// The in-memory forge behaves like GitHub where the Action's and App's tests rely on it.
import { describe, expect, it } from 'vitest';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { FakeForge } from '../../fakes/fake-forge.ts';

describe('FakeForge', () => {
  it('shares one number space between issues and pull requests', async () => {
    const forge = new FakeForge();
    const issue = forge.addIssue({ title: 'Add tests', labels: ['ai-generate'] });
    const pr = forge.addPullRequest();
    expect([issue.number, pr.number]).toEqual([1, 2]);
    expect(await forge.getIssue(2)).toMatchObject({ number: 2, isPullRequest: true });
    await expect(forge.getPullRequest(1)).rejects.toThrow('FakeForge: pull request #1 does not exist (HTTP 404)');
  });

  it('answers permissions like the API (a stranger has none; custom roles keep their base)', async () => {
    const forge = new FakeForge().setPermission('Bob', 'maintain').setPermission('rm', 'release-manager', 'write');
    expect(await forge.getPermission('bob')).toEqual({ permission: 'write', roleName: 'maintain' });
    expect(await forge.getPermission('rm')).toEqual({ permission: 'write', roleName: 'release-manager' });
    expect(await forge.getPermission('stranger')).toEqual({ permission: 'none', roleName: 'none' });
  });

  it('serves files from the default branch only', async () => {
    const forge = new FakeForge().setFile('.github/greenlight.yml', 'budgets: {}\n');
    forge.defaultBranch = 'trunk';
    expect(await forge.getFileOnDefaultBranch('.github/greenlight.yml')).toMatchObject({
      content: 'budgets: {}\n',
      ref: 'trunk',
    });
    expect(await forge.getFileOnDefaultBranch('missing')).toBeNull();
  });

  it('records comments as the bot, edits them in place, and reacts', async () => {
    const forge = new FakeForge();
    const { number } = forge.addIssue();
    const comment = await forge.createComment(number, '- [ ] understand');
    await forge.updateComment(comment.id, '- [x] understand');
    await forge.addReaction({ kind: 'issue', number }, 'eyes');
    expect(forge.commentsOn(number).map((c) => [c.body, c.author.login])).toEqual([
      ['- [x] understand', 'greenlight[bot]'],
    ]);
    expect(forge.reactions).toEqual([{ target: { kind: 'issue', number }, content: 'eyes' }]);
    await expect(forge.createComment(99, 'x')).rejects.toThrow('issue #99 does not exist');
  });

  it('adds labels case-insensitively and creates them like GitHub', async () => {
    const forge = new FakeForge();
    const pr = forge.addPullRequest({ labels: ['greenlight'] });
    await forge.ensureLabels([{ name: 'risk:low', color: '0e8a16', description: 'low' }]);
    await forge.addLabels(pr.number, ['Greenlight', 'risk:low', 'risk:high']);
    await forge.removeLabel(pr.number, 'RISK:LOW');
    await forge.removeLabel(pr.number, 'not-there');
    expect((await forge.getPullRequest(pr.number)).labels).toEqual(['greenlight', 'risk:high']);
    expect([...forge.labels.keys()]).toEqual(['risk:low', 'greenlight', 'risk:high']);
  });

  it('opens pull requests as the bot and refuses a second one for the same branch', async () => {
    const forge = new FakeForge();
    const created = await forge.createPullRequest({
      title: 't',
      body: 'b',
      head: 'greenlight/issue-1',
      base: 'main',
      draft: true,
    });
    expect(await forge.findPullRequestForBranch('greenlight/issue-1')).toMatchObject({
      number: created.number,
      draft: true,
      isFork: false,
      author: { login: 'greenlight[bot]' },
    });
    await expect(
      forge.createPullRequest({ title: 't', body: 'b', head: 'greenlight/issue-1', base: 'main', draft: false }),
    ).rejects.toThrow('HTTP 422');
    await forge.updatePullRequest(created.number, { body: 'updated' });
    expect(await forge.getPullRequest(created.number)).toMatchObject({ title: 't', body: 'updated' });
  });

  it('marks fork pull requests', () => {
    const forge = new FakeForge();
    expect(forge.addPullRequest({ headRepoFullName: 'mallory/shop' }).isFork).toBe(true);
    expect(forge.addPullRequest({ headRepoFullName: null }).isFork).toBe(true);
    expect(forge.addPullRequest().isFork).toBe(false);
  });

  it('keeps a check run history and lists newest first', async () => {
    const forge = new FakeForge();
    const sha = forge.addPullRequest().headSha;
    const first = await forge.createCheckRun({
      name: 'g',
      headSha: sha,
      status: 'in_progress',
      title: 'a',
      summary: 's',
      externalId: 'x',
    });
    await forge.updateCheckRun(first.id, { status: 'completed', conclusion: 'success', title: 'b', summary: 's' });
    const second = await forge.createCheckRun({ name: 'g', headSha: sha, status: 'queued', title: 'c', summary: 's' });
    expect((await forge.listCheckRuns(sha, 'g')).map((r) => [r.id, r.status, r.conclusion, r.externalId])).toEqual([
      [second.id, 'queued', null, null],
      [first.id, 'completed', 'success', 'x'],
    ]);
    expect(forge.checkRunsOn(sha)[0]?.history.map((h) => h.title)).toEqual(['a', 'b']);
  });

  it('dispatches only existing workflows', async () => {
    const forge = new FakeForge().addWorkflow('greenlight.yml');
    await forge.dispatchWorkflow('greenlight.yml', 'main', { issue: '1', requester: 'alice' });
    await expect(forge.dispatchWorkflow('missing.yml', 'main', {})).rejects.toThrow(
      'workflow missing.yml does not exist',
    );
    expect(forge.dispatches).toEqual([
      { workflowFile: 'greenlight.yml', ref: 'main', inputs: { issue: '1', requester: 'alice' } },
    ]);
    expect(await forge.getWorkflow('.github/workflows/greenlight.yml')).toMatchObject({
      path: '.github/workflows/greenlight.yml',
    });
    expect(await forge.getWorkflow('missing.yml')).toBeNull();
  });

  it('fails the next call on request, then recovers', async () => {
    const forge = new FakeForge().failNext('getDefaultBranch');
    let error: unknown;
    try {
      await forge.getDefaultBranch();
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'github')).toBe(true);
    expect(await forge.getDefaultBranch()).toBe('main');
    expect(forge.callsOf('getDefaultBranch')).toEqual([[], []]);
  });

  it('reports auto-merge as GitHub would', async () => {
    const forge = new FakeForge();
    const pr = forge.addPullRequest();
    expect(await forge.enableAutoMerge(pr.number, 'squash')).toEqual({ enabled: true });
    forge.autoMergeAllowed = false;
    expect(await forge.enableAutoMerge(pr.number, 'squash')).toEqual({
      enabled: false,
      reason: 'Pull request Auto merge is not allowed for this repository',
    });
  });

  it('refuses to request a review from the pull request author', async () => {
    const forge = new FakeForge();
    const pr = forge.addPullRequest({ author: { login: 'alice', isBot: false } });
    await forge.requestReviewers(pr.number, { reviewers: ['bob'], teams: ['dba'] });
    await expect(forge.requestReviewers(pr.number, { reviewers: ['Alice'], teams: [] })).rejects.toThrow('HTTP 422');
    expect(forge.reviewRequests).toEqual([{ pr: pr.number, reviewers: ['bob'], teams: ['dba'] }]);
  });
});
