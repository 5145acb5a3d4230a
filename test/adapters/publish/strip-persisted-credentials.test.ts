import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pushBranch } from '../../../src/adapters/publish/push-branch.ts';
import { stripPersistedCredentials } from '../../../src/adapters/publish/strip-persisted-credentials.ts';
import { filesContainingToken, publishRepo, runGitSync, TOKEN, type PublishRepo } from './publish-fixture.ts';

let repo: PublishRepo;
afterEach(() => repo?.cleanup());

const basic = (token: string) => `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

/** Effective config as git in the repository sees it, includes followed. */
function effectiveConfig(): string {
  return runGitSync(repo.root, 'config', '--list', '--includes');
}

describe('stripPersistedCredentials', () => {
  it('removes the extraheader actions/checkout v4 and v5 persist in .git/config, and keeps the rest', async () => {
    repo = publishRepo();
    repo.git('config', 'http.https://github.com/.extraheader', basic(TOKEN));
    repo.git('config', 'core.sshCommand', 'ssh -o StrictHostKeyChecking=no');
    expect(filesContainingToken([join(repo.root, '.git')])).toEqual([join(repo.root, '.git', 'config')]);

    const { removed } = await stripPersistedCredentials(repo.root);

    expect(removed).toEqual(['http.https://github.com/.extraheader (.git/config)']);
    expect(filesContainingToken([join(repo.root, '.git')])).toEqual([]);
    expect(effectiveConfig()).not.toContain('extraheader');
    expect(effectiveConfig()).toContain(`remote.origin.url=${repo.remote}`);
    expect(effectiveConfig()).toContain('core.sshcommand=ssh -o StrictHostKeyChecking=no');
  });

  it('removes the includeIf entries of actions/checkout v6 and deletes the credentials file they point at', async () => {
    repo = publishRepo();
    const runnerTemp = join(repo.dir, 'runner-temp');
    mkdirSync(runnerTemp);
    const credentials = join(runnerTemp, 'git-credentials-3f2a9c1e-1111-4222-8333-944445555666.config');
    writeFileSync(credentials, `[http "https://github.com/"]\n\textraheader = ${basic(TOKEN)}\n`);
    const gitDir = join(repo.root, '.git');
    repo.git('config', `includeIf.gitdir:${gitDir}.path`, credentials);
    repo.git('config', `includeIf.gitdir:${gitDir}/worktrees/*.path`, credentials);
    repo.git(
      'config',
      'includeIf.gitdir:/github/workspace/.git.path',
      '/github/runner_temp/git-credentials-3f2a9c1e-1111-4222-8333-944445555666.config',
    );
    expect(effectiveConfig()).toContain('extraheader');

    const { removed } = await stripPersistedCredentials(repo.root);

    expect(removed).toEqual([
      `includeif.gitdir:${gitDir}.path (.git/config)`,
      'credentials file git-credentials-3f2a9c1e-1111-4222-8333-944445555666.config',
      `includeif.gitdir:${gitDir}/worktrees/*.path (.git/config)`,
      'includeif.gitdir:/github/workspace/.git.path (.git/config)',
    ]);
    expect(existsSync(credentials)).toBe(false);
    expect(effectiveConfig()).not.toContain('extraheader');
    expect(readFileSync(join(gitDir, 'config'), 'utf8')).not.toContain('git-credentials-');
  });

  it('strips user info from remote URLs and drops url sections named with a token, also in submodule configs', async () => {
    repo = publishRepo();
    repo.git('remote', 'set-url', 'origin', `https://x-access-token:${TOKEN}@github.com/acme/shop.git`);
    repo.git('config', `url.https://x-access-token:${TOKEN}@github.com/.insteadOf`, 'https://github.com/');
    const moduleDir = join(repo.root, '.git', 'modules', 'vendor', 'lib');
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(
      join(moduleDir, 'config'),
      `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = ${basic(TOKEN)}\n`,
    );

    const { removed } = await stripPersistedCredentials(repo.root);

    expect(removed).toEqual([
      'remote.origin.url user info (.git/config)',
      'url.https://***@github.com/ section (.git/config)',
      'http.https://github.com/.extraheader (.git/modules/vendor/lib/config)',
    ]);
    expect(filesContainingToken([join(repo.root, '.git')])).toEqual([]);
    expect(repo.git('config', 'remote.origin.url').trim()).toBe('https://github.com/acme/shop.git');
    expect(readFileSync(join(moduleDir, 'config'), 'utf8')).toContain('bare = false');
    expect(removed.join('\n')).not.toContain(TOKEN);
  });

  it("keeps an include of the user's own file but takes the header out of it", async () => {
    repo = publishRepo();
    const own = join(repo.dir, 'team.gitconfig');
    writeFileSync(own, `[user]\n\tname = Team\n[http]\n\textraheader = ${basic(TOKEN)}\n`);
    repo.git('config', 'include.path', own);

    expect((await stripPersistedCredentials(repo.root)).removed).toEqual([
      'http.extraheader (included team.gitconfig)',
    ]);
    expect(effectiveConfig()).toContain('user.name=Team');
    expect(filesContainingToken([repo.dir])).toEqual([]);
  });

  it('is idempotent and harmless on a clean checkout', async () => {
    repo = publishRepo();
    repo.git('config', 'http.https://github.com/.extraheader', basic(TOKEN));
    await stripPersistedCredentials(repo.root);
    expect((await stripPersistedCredentials(repo.root)).removed).toEqual([]);
  });
});

describe('per-command credentials', () => {
  let server: ReturnType<typeof createServer> | undefined;
  afterEach(async () => {
    server?.close();
    server = undefined;
  });

  it('sends exactly one Authorization header with the token to a GHES-style server, resetting a persisted one, and stores nothing', async () => {
    repo = publishRepo();
    const requests: IncomingMessage[] = [];
    server = createServer((request, response) => {
      requests.push(request);
      response.statusCode = 403;
      response.end('forbidden');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const serverUrl = `http://127.0.0.1:${port}`;
    repo.git('remote', 'set-url', 'origin', `${serverUrl}/acme/shop.git`);
    // A stale header for the same server left in config must not be sent as well.
    repo.git('config', `http.${serverUrl}/.extraheader`, basic('ghs_stale_token_from_checkout'));

    const outcome = await pushBranch(
      repo.root,
      { serverUrl, token: TOKEN },
      { branch: 'greenlight/x', commit: repo.base, lease: null },
    );

    expect(outcome).toMatchObject({ ok: false, rejection: 'transport' });
    expect(requests.length).toBeGreaterThan(0);
    const first = requests[0] as IncomingMessage;
    expect(first.url).toBe('/acme/shop.git/info/refs?service=git-receive-pack');
    const names = first.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
    expect(names.filter((name) => name === 'authorization')).toHaveLength(1);
    expect(first.headers.authorization).toBe(basic(TOKEN).replace('AUTHORIZATION: ', ''));
    repo.git('config', '--unset-all', `http.${serverUrl}/.extraheader`);
    expect(filesContainingToken([join(repo.root, '.git')])).toEqual([]);
  });
});
