import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalWorkspace } from '../../../src/adapters/git/local-workspace.ts';
import {
  publishBundle,
  type BundleExpectation,
  type PublishBundleOptions,
} from '../../../src/adapters/publish/publish-bundle.ts';
import { checkJobChange } from '../../../src/adapters/publish/check-change.ts';
import { readChangeBundle } from '../../../src/adapters/publish/read-change-bundle.ts';
import { writeChangeBundle } from '../../../src/adapters/publish/write-change-bundle.ts';
import type { BundleManifest } from '../../../src/core/bundle/change-bundle.ts';
import { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { RiskTier } from '../../../src/core/risk/tier.ts';
import { FakeForge } from '../../fakes/fake-forge.ts';
import { filesContainingToken, jobFor, publishRepo, runGitSync, TOKEN, type PublishRepo } from './publish-fixture.ts';

let repo: PublishRepo;
afterEach(() => repo?.cleanup());

const ADD_TEST = "import { add } from '../src/add.js';\ntest('adds', () => expect(add(1, 2)).toBe(3));\n";
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00, 0x80, 0x0a, 0x0d,
]);
const ISSUE: BundleExpectation = {
  mode: 'generate',
  issue: { number: 4, title: 'Add tests for add' },
  baseBranch: 'main',
};

/** The generate job: a change in its checkout, written as a bundle (claiming `tier`). */
async function bundleOf(
  files: Record<string, string | Uint8Array>,
  tier: RiskTier = 'low',
  kind: 'succeeded' | 'gave-up' = 'succeeded',
): Promise<{ dir: string; manifest: BundleManifest }> {
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  const job = await repo.takeJob({ tier, kind });
  const dir = join(repo.dir, 'bundle');
  const manifest = await writeChangeBundle(dir, {
    job,
    mode: 'generate',
    target: { kind: 'issue', number: 4, title: 'Add tests for add' },
    baseSha: repo.base,
    requester: { login: 'mallory', id: 666 },
  });
  return { dir, manifest };
}

/** The publish job: a fresh clone of origin (no model key, its own checkout). */
function publishClone(): string {
  const root = join(repo.dir, 'publish');
  runGitSync(repo.dir, 'clone', '-q', `file://${repo.remote}`, root);
  return root;
}

function options(
  forge: FakeForge,
  root: string,
  bundlePath: string,
  expected: BundleExpectation = ISSUE,
): PublishBundleOptions {
  return {
    root,
    forge,
    config: RepoConfig.parse({}),
    bundlePath,
    expected,
    requester: { login: 'alice', id: 42 },
    token: TOKEN,
    serverUrl: 'https://github.com',
    botLogin: 'greenlight[bot]',
  };
}

/** Rewrites the bundle as an attacker who controls the artifact would: patch and a matching manifest. */
function tamper(
  dir: string,
  edit: (patch: string, manifest: BundleManifest) => { patch?: string; manifest?: BundleManifest },
): void {
  const patch = readFileSync(join(dir, 'change.patch'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
  const edited = edit(patch, manifest);
  const newPatch = edited.patch ?? patch;
  const bytes = Buffer.from(newPatch);
  const newManifest = {
    ...(edited.manifest ?? manifest),
    patch: {
      file: 'change.patch' as const,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  };
  writeFileSync(join(dir, 'change.patch'), bytes);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(newManifest));
}

async function bundleError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isGreenlightError(error, 'bundle-invalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected bundle-invalid');
}

describe('the publish job checks a bundle’s content again (docs/security.md §29, §33)', () => {
  it('refuses a bundle whose patch carries the publish job’s own token or a credential shape, naming file and line', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    // A generate job (or whoever controls the artifact) slipped a secret in after its own check.
    tamper(dir, (patch) => ({
      patch: `${patch}diff --git a/test/fixtures/t.txt b/test/fixtures/t.txt\nnew file mode 100644\n--- /dev/null\n+++ b/test/fixtures/t.txt\n@@ -0,0 +1,2 @@\n+ok\n+${TOKEN}\n`,
    }));
    const forge = new FakeForge();

    const { result } = await publishBundle(options(forge, publishClone(), dir));

    expect(result).toMatchObject({
      kind: 'refused',
      reason: 'secrets',
      findings: [{ path: 'test/fixtures/t.txt', line: 2, what: 'a secret value this job holds' }],
    });
    expect(repo.remoteGit('for-each-ref', '--format=%(refname)')).toBe('refs/heads/main\n');
    expect(forge.calls).toEqual([]);
  });

  it('refuses a bundle over the publish job’s size limits', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'docs/a.md': 'a'.repeat(2_000) });
    const forge = new FakeForge();
    const publish = {
      ...options(forge, publishClone(), dir),
      config: RepoConfig.parse({ publish: { maxFileBytes: 1_000 } }),
    };
    const { result } = await publishBundle(publish);
    expect(result).toMatchObject({ kind: 'refused', reason: 'too-large' });
    expect(forge.calls).toEqual([]);
  });

  it('the generate job writes no bundle for a change with a secret (checkJobChange)', async () => {
    repo = publishRepo();
    repo.write('test/fixtures/k.txt', 'AKIAIOSFODNN7EXAMPLE\n');
    const job = await repo.takeJob();
    const refusal = await checkJobChange(repo.root, job, repo.base, {
      limits: RepoConfig.parse({}).publish,
      secrets: [],
    });
    expect(refusal).toMatchObject({
      reason: 'secrets',
      findings: [{ path: 'test/fixtures/k.txt', line: 1, what: 'an aws access key id' }],
    });
  });
});

describe('change bundles', () => {
  it('round-trips: written by the generate job, re-validated and published by a fresh publish job, binary files intact', async () => {
    repo = publishRepo();
    const { dir, manifest } = await bundleOf({ 'test/add.test.js': ADD_TEST, 'test/fixtures/logo.png': PNG });
    expect(await readChangeBundle(dir)).toEqual({ manifest, patch: readFileSync(join(dir, 'change.patch')) });
    expect(manifest).toMatchObject({
      mode: 'generate',
      baseSha: repo.base,
      claimedTier: 'low',
      files: [
        { path: 'test/add.test.js', status: 'added' },
        { path: 'test/fixtures/logo.png', status: 'added' },
      ],
    });
    const forge = new FakeForge();

    const { result } = await publishBundle(options(forge, publishClone(), dir));

    if (result.kind !== 'opened') throw new Error(JSON.stringify(result));
    expect(result.branch).toBe('greenlight/issue-4-add-tests-for-add');
    const blob = repo.remoteGit('rev-parse', `${result.commitSha}:test/fixtures/logo.png`).trim();
    const gitBlobId = createHash('sha1')
      .update(Buffer.concat([Buffer.from(`blob ${PNG.length}\0`), PNG]))
      .digest('hex');
    expect(blob).toBe(gitBlobId);
    // The requester is the event's (alice), never the bundle's (mallory).
    expect(repo.remoteGit('log', '-1', '--format=%B', result.commitSha)).toContain(
      'Co-authored-by: alice <42+alice@users.noreply.github.com>',
    );
    expect(repo.remoteGit('log', '-1', '--format=%B', result.commitSha)).not.toContain('mallory');
  });

  it("keeps the bytes of a non-UTF-8 text file when the job's checkout is given", async () => {
    repo = publishRepo();
    const latin1 = Buffer.from('caf\xe9\n', 'latin1');
    repo.write('test/fixtures/latin1.txt', latin1);
    const job = jobFor(await new LocalWorkspace(repo.root).diff(repo.base));
    const dir = join(repo.dir, 'bundle');
    await writeChangeBundle(dir, {
      job,
      mode: 'generate',
      target: { kind: 'issue', number: 4, title: 'Add tests for add' },
      baseSha: repo.base,
      root: repo.root,
    });
    expect(readFileSync(join(dir, 'change.patch')).includes(Buffer.from('+caf\xe9\n', 'latin1'))).toBe(true);

    const { result } = await publishBundle(options(new FakeForge(), publishClone(), dir));

    if (result.kind !== 'opened') throw new Error(JSON.stringify(result));
    const blob = repo.remoteGit('rev-parse', `${result.commitSha}:test/fixtures/latin1.txt`).trim();
    expect(blob).toBe(
      createHash('sha1')
        .update(Buffer.concat([Buffer.from(`blob ${latin1.length}\0`), latin1]))
        .digest('hex'),
    );
  });

  it('publishes a bundle that claims low for a migration as critical (docs/security.md §20)', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'db/migrations/001_users.sql': 'CREATE TABLE users (id int);\n' }, 'low');
    const forge = new FakeForge();

    const { result, manifest } = await publishBundle(options(forge, publishClone(), dir));

    expect(manifest.claimedTier).toBe('low');
    if (result.kind !== 'opened') throw new Error(JSON.stringify(result));
    expect(result.risk.tier).toBe('critical');
    const pr = forge.pullRequests.get(result.prNumber);
    expect(pr).toMatchObject({ draft: true, labels: ['greenlight', 'risk:critical'] });
    expect(pr?.body).toContain(
      'The publish step classified this change as **`critical`**; the report below was written for `low`',
    );
  });

  it.each<[string, (patch: string) => string, RegExp]>([
    [
      'a patch that does not apply to the base',
      (patch) =>
        patch
          .replace('+import { add }', '+import { add }')
          .replace('@@ -0,0 +1,2 @@', '@@ -1,2 +1,3 @@\n context that is not there'),
      /does not apply to its base/,
    ],
    [
      'a path outside the repository',
      () =>
        'diff --git a/../evil.txt b/../evil.txt\nnew file mode 100644\n--- /dev/null\n+++ b/../evil.txt\n@@ -0,0 +1 @@\n+evil\n',
      /does not apply to its base.*(invalid path|outside)/,
    ],
    [
      'a path inside .git',
      () =>
        'diff --git a/.git/hooks/post-checkout b/.git/hooks/post-checkout\nnew file mode 100755\n--- /dev/null\n+++ b/.git/hooks/post-checkout\n@@ -0,0 +1 @@\n+touch /tmp/pwned\n',
      /does not apply to its base.*invalid path/,
    ],
  ])('rejects a tampered bundle: %s, publishing nothing', async (_name, edit, message) => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    tamper(dir, (patch) => ({ patch: edit(patch) }));
    const forge = new FakeForge();

    expect(await bundleError(publishBundle(options(forge, publishClone(), dir)))).toMatch(message);
    expect(repo.remoteGit('for-each-ref', '--format=%(refname)')).toBe('refs/heads/main\n');
    expect(forge.calls).toEqual([]);
  });

  it('rejects a patch changed after the job wrote it (size or SHA-256 differ from the manifest)', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    writeFileSync(
      join(dir, 'change.patch'),
      readFileSync(join(dir, 'change.patch'), 'utf8').replace('toBe(3)', 'toBe(4)'),
    );
    expect(await bundleError(publishBundle(options(new FakeForge(), publishClone(), dir)))).toContain(
      'does not match the manifest',
    );
  });

  it('refuses a bundle whose workflow change would be pushed', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ '.github/workflows/exfiltrate.yml': 'on: push\n' });
    const { result } = await publishBundle(options(new FakeForge(), publishClone(), dir));
    expect(result).toMatchObject({
      kind: 'refused',
      reason: 'forbidden-paths',
      violations: [{ path: '.github/workflows/exfiltrate.yml' }],
    });
    expect(repo.remoteGit('for-each-ref', '--format=%(refname)')).toBe('refs/heads/main\n');
  });

  it.each<[string, BundleExpectation, string]>([
    [
      'another issue',
      { ...ISSUE, issue: { number: 5, title: 'x' } },
      'the bundle is for issue #4, but this run is about issue #5',
    ],
    [
      'another mode',
      {
        mode: 'fix',
        pr: {
          number: 4,
          headRef: 'x',
          headSha: 'a'.repeat(40),
          headRepo: 'acme/shop',
          baseRepo: 'acme/shop',
          baseRef: 'main',
        },
      },
      'the bundle is a generate bundle, but this run publishes a fix',
    ],
  ])('rejects a bundle about %s than this run', async (_name, expected, message) => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    expect(await bundleError(publishBundle(options(new FakeForge(), publishClone(), dir, expected)))).toContain(
      message,
    );
  });

  it('rejects a generate bundle whose base is not on the base branch', async () => {
    repo = publishRepo();
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('side.txt', 'side\n');
    repo.git('add', '--all');
    repo.git('commit', '-q', '-m', 'side');
    repo.git('push', '-q', 'origin', 'side');
    const side = repo.git('rev-parse', 'HEAD').trim();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    tamper(dir, (patch, manifest) => ({ manifest: { ...manifest, baseSha: side } }));
    expect(await bundleError(publishBundle(options(new FakeForge(), publishClone(), dir)))).toContain(
      `the bundle's base ${side.slice(0, 12)} is not on main`,
    );
  });

  it('accepts an older base of the base branch from a shallow publish checkout', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    repo.write('later.txt', 'main moved on\n');
    repo.git('add', '--all');
    repo.git('commit', '-q', '-m', 'later');
    repo.git('push', '-q', 'origin', 'main');
    const root = join(repo.dir, 'shallow');
    runGitSync(repo.dir, 'clone', '-q', '--depth', '1', `file://${repo.remote}`, root);

    const { result } = await publishBundle(options(new FakeForge(), root, dir));
    expect(result.kind).toBe('opened');
  });

  it('refuses symlinks in place of bundle files', async () => {
    repo = publishRepo();
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    const real = join(repo.dir, 'elsewhere.json');
    writeFileSync(real, readFileSync(join(dir, 'manifest.json')));
    rmSync(join(dir, 'manifest.json'));
    symlinkSync(real, join(dir, 'manifest.json'));
    expect(await bundleError(readChangeBundle(dir))).toContain(
      'manifest.json is not a regular file (symlinks are refused)',
    );
  });

  it('says where to download a missing bundle', async () => {
    repo = publishRepo();
    expect(await bundleError(readChangeBundle(join(repo.dir, 'nowhere')))).toContain('actions/download-artifact');
  });

  it('publishes a fix bundle on the recorded head with a lease, and refuses one made on another head', async () => {
    repo = publishRepo();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/feature.js', 'export const f = 1;\n');
    repo.git('add', '--all');
    repo.git('commit', '-q', '-m', 'feature');
    repo.git('push', '-q', 'origin', 'feature');
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.write('test/feature.test.js', "test('f', () => {});\n");
    const job = jobFor(await repo.takeDiff(head));
    const dir = join(repo.dir, 'bundle');
    await writeChangeBundle(dir, {
      job,
      mode: 'fix',
      target: { kind: 'pull-request', number: 7, headRef: 'feature', headSha: head },
      baseSha: head,
    });
    const forge = new FakeForge();
    forge.addPullRequest({ number: 7, headRef: 'feature', headSha: head, author: { login: 'bob', isBot: false } });
    const pr = {
      number: 7,
      headRef: 'feature',
      headSha: head,
      headRepo: 'acme/shop',
      baseRepo: 'acme/shop',
      baseRef: 'main',
    };

    const other = { ...pr, headSha: 'f'.repeat(40) };
    expect(await bundleError(publishBundle(options(forge, publishClone(), dir, { mode: 'fix', pr: other })))).toContain(
      'but /fix was requested on feature@fffffff',
    );

    const { result } = await publishBundle(options(forge, join(repo.dir, 'publish'), dir, { mode: 'fix', pr }));
    expect(result).toMatchObject({ kind: 'pushed-fix', prNumber: 7 });
    expect(repo.remoteGit('rev-parse', 'feature^').trim()).toBe(head);
  });

  it('runs no repository code while publishing: no hooks, no filters', async () => {
    repo = publishRepo({ '.gitattributes': '* filter=evil\n' });
    const { dir } = await bundleOf({ 'test/add.test.js': ADD_TEST });
    const root = publishClone();
    const marker = join(repo.dir, 'code-ran');
    const hooks = join(repo.dir, 'hooks');
    mkdirSync(hooks);
    for (const hook of [
      'pre-commit',
      'post-commit',
      'pre-push',
      'reference-transaction',
      'post-checkout',
      'post-merge',
    ]) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\ntouch ${marker}\n`);
      chmodSync(join(hooks, hook), 0o755);
    }
    runGitSync(root, 'config', 'core.hooksPath', hooks);
    runGitSync(root, 'config', 'filter.evil.clean', `sh -c 'touch ${marker}; cat'`);
    runGitSync(root, 'config', 'filter.evil.smudge', `sh -c 'touch ${marker}; cat'`);

    const { result } = await publishBundle(options(new FakeForge(), root, dir));

    expect(result.kind).toBe('opened');
    expect(existsSync(marker)).toBe(false);
    expect(filesContainingToken([join(root, '.git'), repo.remote])).toEqual([]);
  });
});
