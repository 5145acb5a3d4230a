// scripts/release.ts against real git: a small repository with a local bare remote, the
// build replaced by one that writes known bytes (the real build is what dist-fresh tests).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { release, ReleaseError } from '../../scripts/release.ts';
import { root } from '../../scripts/build.ts';

let dir: string;
let repo: string;
let remote: string;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** A build that writes what the committed dist/ holds (fresh), or something else (stale). */
const buildWriting =
  (files: Record<string, string>) =>
  async (outdir: string): Promise<void> => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(outdir, path, '..'), { recursive: true });
      writeFileSync(join(outdir, path), text);
    }
  };
const fresh = buildWriting({ 'index.js': 'bundle\n', 'action/chunk-A.js': 'chunk\n' });

function commitVersion(version: string): string {
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'greenlight', version }) + '\n');
  writeFileSync(join(repo, 'src', 'version.ts'), `export const VERSION = '${version}';\n`);
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', `version ${version}`);
  return git(repo, 'rev-parse', 'HEAD');
}

/** Tag name → the commit it points to, on the remote. */
function remoteTags(): Record<string, string> {
  const lines = git(remote, 'for-each-ref', '--format=%(refname:short) %(objecttype) %(*objectname)', 'refs/tags');
  return Object.fromEntries(
    lines
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, type, target] = line.split(' ');
        expect(type, `${name} is an annotated tag`).toBe('tag');
        return [name, target];
      }),
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-release-test-'));
  repo = join(dir, 'repo');
  remote = join(dir, 'remote.git');
  git(dir, 'init', '-q', '--bare', remote);
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(join(repo, 'dist', 'action'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'remote', 'add', 'origin', remote);
  writeFileSync(join(repo, 'dist', 'index.js'), 'bundle\n');
  writeFileSync(join(repo, 'dist', 'action', 'chunk-A.js'), 'chunk\n');
  commitVersion('1.2.3');
  git(repo, 'push', '-q', 'origin', 'main');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scripts/release.ts', () => {
  it('tags the commit and moves the major tag to it, on the remote', async () => {
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(await release({ root: repo, version: '1.2.3', build: fresh })).toEqual({
      tag: 'v1.2.3',
      major: 'v1',
      commit: head,
    });
    expect(remoteTags()).toEqual({ v1: head, 'v1.2.3': head });
  });

  it('moves only the major tag on the next release', async () => {
    const first = git(repo, 'rev-parse', 'HEAD');
    await release({ root: repo, version: '1.2.3', build: fresh });
    const second = commitVersion('1.3.0');
    await release({ root: repo, version: '1.3.0', build: fresh });
    expect(remoteTags()).toEqual({ v1: second, 'v1.2.3': first, 'v1.3.0': second });
  });

  it('never moves a released version', async () => {
    await release({ root: repo, version: '1.2.3', build: fresh });
    git(repo, 'tag', '-d', 'v1.2.3'); // only the remote still has it
    writeFileSync(join(repo, 'README.md'), 'later\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'later');
    await expect(release({ root: repo, version: '1.2.3', build: fresh })).rejects.toThrow(
      'v1.2.3 exists already; a released version is never moved: release a new version',
    );
  });

  it.each([
    [
      'a stale bundle',
      buildWriting({ 'index.js': 'rebuilt\n', 'action/chunk-A.js': 'chunk\n' }),
      'dist/ does not match a fresh build (dist/index.js): run npm run build and commit dist/',
    ],
    [
      'a chunk the build no longer makes',
      buildWriting({ 'index.js': 'bundle\n' }),
      'dist/ does not match a fresh build (dist/action/chunk-A.js): run npm run build and commit dist/',
    ],
    [
      'a chunk that is not committed',
      buildWriting({ 'index.js': 'bundle\n', 'action/chunk-A.js': 'chunk\n', 'action/chunk-B.js': 'new\n' }),
      'dist/ does not match a fresh build (dist/action/chunk-B.js): run npm run build and commit dist/',
    ],
  ])('refuses %s, and tags nothing', async (_case, build, message) => {
    await expect(release({ root: repo, version: '1.2.3', build })).rejects.toThrow(message);
    expect(remoteTags()).toEqual({});
    expect(git(repo, 'tag', '--list')).toBe('');
  });

  it.each([
    ['1.2', '"1.2" is not a version like 1.2.3'],
    ['v1.2.3', '"v1.2.3" is not a version like 1.2.3'],
    ['1.2.4', 'package.json says 1.2.3, not 1.2.4: bump package.json and src/version.ts in a pull request first'],
  ])('refuses version %s', async (version, message) => {
    await expect(release({ root: repo, version, build: fresh })).rejects.toThrow(new ReleaseError(message));
    expect(remoteTags()).toEqual({});
  });

  it('refuses when src/version.ts lags behind package.json, or the checkout is dirty', async () => {
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'greenlight', version: '1.2.4' }) + '\n');
    await expect(release({ root: repo, version: '1.2.4', build: fresh })).rejects.toThrow(
      'src/version.ts does not say 1.2.4: bump it with package.json',
    );
    writeFileSync(join(repo, 'src', 'version.ts'), "export const VERSION = '1.2.4';\n");
    await expect(release({ root: repo, version: '1.2.4', build: fresh })).rejects.toThrow(
      'the checkout has uncommitted changes',
    );
    expect(remoteTags()).toEqual({});
  });

  it('as a command, prints one line and exits 1 on a refusal', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'release.ts'), '0.0.0-not-a-version'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('release: "0.0.0-not-a-version" is not a version like 1.2.3\n');
    expect(result.status).toBe(1);
  });
});
