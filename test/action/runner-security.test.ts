import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultServices } from '../../src/compose/action-services.ts';
import { harness, commentEvent, labeledEvent, MODEL_KEY, TOKEN, dispatchEvent } from './harness.ts';

const WRITES = [
  'createComment',
  'updateComment',
  'addReaction',
  'createPullRequest',
  'addLabels',
  'removeLabel',
  'createCheckRun',
  'updateCheckRun',
] as const;

/** Lines the runner printed that the runtime would take as workflow commands. */
const commands = (lines: string[]) => lines.filter((l) => /^\s*::/.test(l) || l.includes('##['));

describe('Action runner: who may trigger (docs/security.md §1–3)', () => {
  it.each(['admin', 'maintain', 'write'])('runs for a user with %s access', async (role) => {
    const h = harness();
    h.forge.setPermission('alice', role);
    h.forge.addIssue({ number: 3 });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.outputs['outcome']).toBe('opened');
    expect(h.services.calls.runJob).toHaveLength(1);
  });

  it.each([
    ['triage', 'triage access'],
    ['read', 'read access'],
    ['none', 'no access'],
  ])('refuses a user with %s access: one polite reply, no model call', async (role, access) => {
    const h = harness();
    h.forge.setPermission('alice', role);
    h.forge.addIssue({ number: 3 });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.code).toBe(0);
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.services.calls.stripCredentials).toEqual([]);
    expect(h.forge.reactions).toEqual([]);
    expect(h.forge.comments.map((c) => c.body)).toEqual([
      `Thanks for the request, @alice. greenlight only starts runs for people with write, maintain or admin access to this repository, and you have ${access}. A maintainer can start the run for you.`,
    ]);
    expect(run.lines.at(-1)).toBe(`greenlight: refused: @alice has ${access}; write, maintain or admin is required`);
  });

  it('refuses a custom role based on read access', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'auditor', 'read');
    h.forge.addIssue({ number: 3 });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.services.calls.runJob).toEqual([]);
  });

  it("refuses an outsider's /fix on a pull request", async () => {
    const h = harness();
    h.forge.addPullRequest({ number: 7 });
    const run = await h.run('issue_comment', commentEvent(7, '/fix please'));
    expect(run.outputs['outcome']).toBe('refused');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.forge.commentsOn(7)).toHaveLength(1);
  });

  it.each([
    ['a Bot sender', labeledEvent(3, { sender: 'dependabot[bot]', senderType: 'Bot' })],
    ['greenlight itself', labeledEvent(3, { sender: 'github-actions[bot]', senderType: 'Bot' })],
  ])('does nothing for %s: no reply, no permission check', async (_name, payload) => {
    const h = harness();
    h.forge.addIssue({ number: 3 });
    h.forge.setFile('.github/greenlight.yml', 'trigger:\n  allowedBots: ["github-actions[bot]"]\n');
    const run = await h.run('issues', payload);
    expect(run.code).toBe(0);
    expect(run.outputs['outcome']).toBe('skipped');
    expect(h.forge.callsOf('getPermission')).toEqual([]);
    for (const method of WRITES) expect(h.forge.callsOf(method)).toEqual([]);
    expect(h.services.calls.runJob).toEqual([]);
  });

  it('runs for a bot that the default-branch config allowlists', async () => {
    const h = harness();
    h.forge.addIssue({ number: 3 });
    h.forge.setFile('.github/greenlight.yml', 'trigger:\n  allowedBots: ["renovate[bot]"]\n');
    const run = await h.run('issues', labeledEvent(3, { sender: 'renovate[bot]', senderType: 'Bot' }));
    expect(run.outputs['outcome']).toBe('opened');
  });

  it('ignores an edited /fix comment', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'admin');
    h.forge.addPullRequest({ number: 7 });
    const run = await h.run('issue_comment', commentEvent(7, '/fix now', { action: 'edited' }));
    expect(run.code).toBe(0);
    expect(run.outputs['outcome']).toBe('skipped');
    expect(run.lines.at(-1)).toBe(
      'greenlight: nothing to do: issue_comment.edited: only new comments trigger; edited or deleted ones never do',
    );
    for (const method of WRITES) expect(h.forge.callsOf(method)).toEqual([]);
  });

  it('refuses a person who names someone else as requester of a dispatch', async () => {
    const h = harness();
    h.forge.setPermission('mallory', 'write');
    h.forge.addIssue({ number: 3 });
    const run = await h.run('workflow_dispatch', dispatchEvent({ issue: '3', requester: 'alice' }, 'mallory'));
    expect(run.outputs['outcome']).toBe('skipped');
    expect(h.services.calls.runJob).toEqual([]);
  });
});

describe('Action runner: config from the default branch only (docs/security.md §5)', () => {
  it('a pull request that changes .github/greenlight.yml does not change the run', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'write');
    h.forge.setFile(
      '.github/greenlight.yml',
      'budgets:\n  maxIterations: 2\npaths:\n  deny: [".github/workflows/**", "secrets/**"]\n',
    );
    h.forge.addPullRequest({
      number: 7,
      files: [{ path: '.github/greenlight.yml', status: 'modified', additions: 3, deletions: 1 }],
    });
    mkdirSync(join(h.workspace, '.github'), { recursive: true });
    writeFileSync(
      join(h.workspace, '.github/greenlight.yml'),
      'budgets:\n  maxIterations: 50\n  maxCostUsd: 500\npaths:\n  deny: [".github/workflows/**"]\ntrigger:\n  allowedBots: ["evil[bot]"]\n',
    );
    await h.run('issue_comment', commentEvent(7, '/fix'));
    const config = h.services.calls.runJob[0]?.config;
    expect(config?.budgets.maxIterations).toBe(2);
    expect(config?.budgets.maxCostUsd).toBe(5);
    expect(config?.paths.deny).toEqual(['.github/workflows/**', 'secrets/**']);
    expect(h.services.calls.publishFix[0]?.config).toBe(config);
    expect(h.forge.callsOf('getFileOnDefaultBranch')).toEqual([['.github/greenlight.yml']]);

    const bot = await h.run('issue_comment', commentEvent(7, '/fix', { user: 'evil[bot]', userType: 'Bot' }));
    expect(bot.outputs['outcome']).toBe('skipped');
  });

  it('inputs override the default-branch config', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'write');
    h.forge.addIssue({ number: 3 });
    h.forge.setFile('.github/greenlight.yml', 'trigger:\n  label: make-tests\nbudgets:\n  maxIterations: 2\n');
    const ignored = await h.run('issues', labeledEvent(3, { label: 'ai-generate' }));
    expect(ignored.outputs['outcome']).toBe('skipped');
    await h.run('issues', labeledEvent(3, { label: 'make-tests' }), {
      inputs: { max_iterations: '9', model: 'claude-opus-4-1' },
    });
    const config = h.services.calls.runJob[0]?.config;
    expect(config?.budgets.maxIterations).toBe(9);
    expect(config?.model.name).toBe('claude-opus-4-1');
  });

  it('an invalid config gets one comment naming the field and line, and no run', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'write');
    h.forge.addIssue({ number: 3 });
    h.forge.setFile('.github/greenlight.yml', 'budgets:\n  maxIterations: five\n');
    const run = await h.run('issues', labeledEvent(3));
    expect(run.code).toBe(1);
    expect(run.outputs['outcome']).toBe('failed');
    expect(h.services.calls.runJob).toEqual([]);
    expect(h.forge.reactions).toEqual([]);
    const [comment, ...rest] = h.forge.commentsOn(3);
    expect(rest).toEqual([]);
    expect(comment?.body).toContain('greenlight did not run: `.github/greenlight.yml` is invalid');
    expect(comment?.body).toMatch(
      /\| 2:\d+ \| `budgets\.maxIterations` \| expected an integer from 1 to 50, found "five" \|/,
    );
    expect(comment?.body).toContain('remove and add the `ai-generate` label again');
    expect(run.lines).toContainEqual(
      expect.stringMatching(
        /^::error::greenlight failed while reading the configuration: \.github\/greenlight\.yml on main is invalid \(line 2, budgets\.maxIterations/,
      ),
    );
  });

  it('an unauthorized user with an invalid config only gets the refusal', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'read');
    h.forge.addIssue({ number: 3 });
    h.forge.setFile('.github/greenlight.yml', 'budgets: [\n');
    await h.run('issues', labeledEvent(3));
    expect(h.forge.comments).toHaveLength(1);
    expect(h.forge.comments[0]?.body).toContain('Thanks for the request');
  });
});

describe('Action runner: untrusted text (docs/security.md §7)', () => {
  it('a title made to break out of a shell reaches no shell', async () => {
    const h = harness();
    // Real git in the workspace for the runner's own I/O (head, credentials); the engine is faked.
    execFileSync('git', ['init', '-q', '-b', 'main', h.workspace]);
    writeFileSync(join(h.workspace, 'README.md'), '# x\n');
    execFileSync('git', ['-C', h.workspace, 'add', '.']);
    execFileSync('git', ['-C', h.workspace, 'commit', '-q', '-m', 'init']);
    const real = defaultServices();
    h.services.headSha = real.headSha;
    h.services.stripCredentials = real.stripCredentials;
    const pwned = join(h.dir, 'pwned');
    const title = `"; touch ${pwned} # $(touch ${pwned}2) \`touch ${pwned}3\` ::error::x`;
    h.forge.setPermission('alice', 'write');
    h.forge.addIssue({ number: 3, title, body: `'; touch ${pwned}4; '` });
    const run = await h.run('issues', labeledEvent(3));
    expect(run.outputs['outcome']).toBe('opened');
    expect(h.services.calls.runJob[0]?.task.title).toBe(title);
    for (const suffix of ['', '2', '3', '4']) expect(existsSync(`${pwned}${suffix}`)).toBe(false);
  });

  it('event text in the log cannot issue workflow commands', async () => {
    const h = harness();
    const run = await h.run('issues', labeledEvent(3, { label: '::add-mask::x\n::error::pwned ##[error]y' }));
    expect(run.outputs['outcome']).toBe('skipped');
    expect(commands(run.lines).filter((l) => !l.startsWith('::add-mask::'))).toEqual([]);
    expect(commands(run.lines)).toEqual([`::add-mask::${TOKEN}`, `::add-mask::${MODEL_KEY}`]);
  });
});

describe('Action runner: inputs and events', () => {
  it('exits neutral with one line for an event greenlight does not act on', async () => {
    const h = harness();
    const run = await h.run('push', {
      ref: 'refs/heads/main',
      repository: { full_name: 'acme/shop' },
      sender: { login: 'alice' },
    });
    expect(run.code).toBe(0);
    expect(run.lines.filter((l) => !l.startsWith('::add-mask::'))).toEqual([
      "greenlight: nothing to do: greenlight does not act on 'push' events",
    ]);
    expect(run.outputs['outcome']).toBe('skipped');
    expect(run.summary).toBe('');
    for (const method of WRITES) expect(h.forge.callsOf(method)).toEqual([]);
  });

  it('names a bad input and stops before anything else', async () => {
    const h = harness();
    const run = await h.run('issues', labeledEvent(3), { inputs: { max_cost_usd: 'lots' } });
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([
      "::error::Input 'max_cost_usd' must be a number > 0, got \"lots\". Fix it in the workflow's `with:` block.",
    ]);
    expect(h.services.calls.createForge).toEqual([]);
  });

  it('fails clearly on a malformed event payload', async () => {
    const h = harness();
    h.forge.addIssue({ number: 3 });
    const payload = labeledEvent(3);
    delete payload.issue;
    const run = await h.run('issues', payload);
    expect(run.code).toBe(1);
    expect(run.lines).toContainEqual(
      expect.stringContaining(
        "::error::greenlight failed while handling the event: The 'issues.labeled' event payload is not what GitHub sends: issue is missing",
      ),
    );
  });

  it('uses GitHub Enterprise Server URLs for the API and the run link', async () => {
    const h = harness();
    h.forge.setPermission('alice', 'write');
    h.forge.addIssue({ number: 3 });
    const run = await h.run('issues', labeledEvent(3), {
      env: { GITHUB_API_URL: 'https://ghe.example.com/api/v3', GITHUB_SERVER_URL: 'https://ghe.example.com' },
    });
    expect(h.services.calls.createForge).toEqual([{ token: TOKEN, apiUrl: 'https://ghe.example.com/api/v3' }]);
    expect(h.forge.commentsOn(3)[0]?.body).toContain('(https://ghe.example.com/acme/shop/actions/runs/4242)');
    expect(h.services.calls.publishGenerate[0]?.auth.serverUrl).toBe('https://ghe.example.com');
    expect(run.outputs['outcome']).toBe('opened');
  });
});
