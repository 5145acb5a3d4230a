/**
 * Cuts a release from the checked-out commit, as GitHub Actions are released
 * (`.github/workflows/release.yml` runs it on main; docs/distribution.md, "Releases"):
 *
 *   node scripts/release.ts 1.2.3
 *
 * 1. The version must be the one package.json and src/version.ts already carry (bump
 *    them in a pull request first), and the checkout must be clean.
 * 2. The bundles are rebuilt into a temporary directory and must equal the committed
 *    dist/: the Action runs the committed files, so a stale dist/ would release code
 *    that was never tested.
 * 3. The tag v1.2.3 must not exist yet, here or on the remote: a release is never moved.
 * 4. It creates the annotated tag v1.2.3 and moves the major tag v1 to the same commit,
 *    then pushes both (the major tag with --force: that is its purpose).
 *
 * Refusals are one line on stderr and exit 1; nothing is tagged or pushed then.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ReleaseOptions {
  /** The repository checkout (the working directory of every git command). */
  root: string;
  version: string;
  remote?: string;
  /** Builds the bundles into a directory; the real build by default. */
  build?: (outdir: string) => Promise<unknown>;
}

export interface Release {
  tag: string;
  major: string;
  commit: string;
}

/** A refusal: the reason is the whole message. */
export class ReleaseError extends Error {}

/** Checks, tags and pushes; see the module comment. */
export async function release(options: ReleaseOptions): Promise<Release> {
  const { root, version, remote = 'origin' } = options;
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

  const match = /^(\d+)\.\d+\.\d+$/.exec(version);
  if (match === null) throw new ReleaseError(`"${version}" is not a version like 1.2.3`);
  const tag = `v${version}`;
  const major = `v${match[1]}`;

  const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (declared !== version) {
    throw new ReleaseError(
      `package.json says ${declared}, not ${version}: bump package.json and src/version.ts in a pull request first`,
    );
  }
  if (!readFileSync(join(root, 'src', 'version.ts'), 'utf8').includes(`'${version}'`)) {
    throw new ReleaseError(`src/version.ts does not say ${version}: bump it with package.json`);
  }
  if (git('status', '--porcelain') !== '') throw new ReleaseError('the checkout has uncommitted changes');

  const stale = await staleDist(root, options.build ?? defaultBuild);
  if (stale.length > 0) {
    throw new ReleaseError(
      `dist/ does not match a fresh build (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}): run npm run build and commit dist/`,
    );
  }

  if (git('tag', '--list', tag) !== '' || git('ls-remote', '--tags', remote, `refs/tags/${tag}`) !== '') {
    throw new ReleaseError(`${tag} exists already; a released version is never moved: release a new version`);
  }

  const commit = git('rev-parse', 'HEAD');
  git('tag', '--annotate', '--message', `greenlight ${version}`, tag, commit);
  git('tag', '--force', '--annotate', '--message', `greenlight ${version} (latest ${major}.x.y)`, major, commit);
  git('push', remote, `refs/tags/${tag}`);
  git('push', '--force', remote, `refs/tags/${major}`);
  return { tag, major, commit };
}

async function defaultBuild(outdir: string): Promise<unknown> {
  const { buildBundles } = await import('./build.ts');
  return buildBundles(outdir);
}

/** Files that differ between the committed dist/ and a fresh build, either way. */
async function staleDist(root: string, build: (outdir: string) => Promise<unknown>): Promise<string[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'greenlight-release-'));
  try {
    await build(outdir);
    const committed = filesUnder(join(root, 'dist'));
    const fresh = filesUnder(outdir);
    const all = [...new Set([...committed, ...fresh])].sort();
    return all
      .filter(
        (file) =>
          !committed.includes(file) ||
          !fresh.includes(file) ||
          !readFileSync(join(root, 'dist', file)).equals(readFileSync(join(outdir, file))),
      )
      .map((file) => `dist/${file}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((path) => statSync(join(dir, path)).isFile());
}

if (import.meta.main) {
  try {
    const done = await release({ root: fileURLToPath(new URL('..', import.meta.url)), version: process.argv[2] ?? '' });
    process.stdout.write(`released ${done.tag} at ${done.commit}; ${done.major} moved to it\n`);
  } catch (error) {
    process.stderr.write(`release: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
