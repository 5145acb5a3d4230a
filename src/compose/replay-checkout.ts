/**
 * The checkout a replay runs in, made with git so that the user's own is never touched:
 *
 * - `materializeExample`: the shipped example (plain files, no .git) as a real git
 *   repository — a copy in `target`, one commit on `main`. The commit is reproducible
 *   (fixed author, dates, no user or system git config), so the example always has the
 *   same commit id and the recorded transcript can name it as its base;
 * - `cloneAtBase`: a clone of the user's checkout at a recorded run's base commit.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { git, runGit } from '../adapters/git/run-git.ts';
import { DEFAULT_CONFIG_PATH } from '../core/config/parse-config.ts';
import { GreenlightError } from '../ports/errors.ts';

/** The branch of the clone a replay starts on. */
export const REPLAY_BRANCH = 'greenlight-replay';

export interface MaterializeOptions {
  /** Set `sandbox.driver` in the copy's config before the commit (the demo's `--sandbox none`). */
  sandboxDriver?: string;
}

/** Commit identity and time of the example's one commit. */
const FIXED = {
  GIT_AUTHOR_NAME: 'greenlight demo',
  GIT_AUTHOR_EMAIL: 'demo@greenlight.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'greenlight demo',
  GIT_COMMITTER_EMAIL: 'demo@greenlight.invalid',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  // No hooks, templates or signing from the user's or the system's git config.
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * Copies `source` into `target` (which must be empty or absent) and commits it.
 * @returns the commit id of the example's base.
 * @example const base = await materializeExample('examples/demo-repo', '/tmp/greenlight-demo-x');
 */
export async function materializeExample(
  source: string,
  target: string,
  options: MaterializeOptions = {},
): Promise<string> {
  await cp(source, target, { recursive: true, force: false, filter: (path) => !path.split(/[\\/]/).includes('.git') });
  if (options.sandboxDriver !== undefined)
    await setSandboxDriver(join(target, DEFAULT_CONFIG_PATH), options.sandboxDriver);
  await git(target, ['init', '--quiet', '--initial-branch=main', '--template='], { env: FIXED });
  await git(target, ['add', '--all'], { env: FIXED });
  await git(
    target,
    ['commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', 'demo-shop: cart arithmetic in cents'],
    { env: FIXED },
  );
  return (await git(target, ['rev-parse', 'HEAD'], { env: FIXED })).trim();
}

async function setSandboxDriver(path: string, driver: string): Promise<void> {
  const document = parseDocument(await readFile(path, 'utf8'));
  document.setIn(['sandbox', 'driver'], driver);
  await writeFile(path, document.toString());
}

/**
 * The top level of the checkout that holds `dir`.
 * @throws GreenlightError('git') when it lacks the commit `base` a recorded run started at.
 */
export async function checkoutRoot(dir: string, base: string): Promise<string> {
  const source = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  const found = await runGit(source, ['cat-file', '-e', `${base}^{commit}`]);
  if (found.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `The recorded run started at ${base.slice(0, 12)}, which is not in ${source}: replay from a clone of the repository the run was made in, after git fetch (in a shallow clone, fetch more history), or pass --repo DIR.`,
    );
  }
  return source;
}

/**
 * A clone of `source` in `dir` that borrows the source's objects (instant, even for a
 * commit no branch points to), on REPLAY_BRANCH at `base`. A kept clone gets its own
 * copy of the objects it uses, so that it survives a `git gc` in the source.
 */
export async function cloneAtBase(source: string, dir: string, base: string, keep: boolean): Promise<void> {
  await git(dir, ['clone', '--quiet', '--shared', '--no-checkout', '--template=', source, '.']);
  await git(dir, ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '-b', REPLAY_BRANCH, base]);
  if (keep) {
    await git(dir, ['repack', '-a', '-d', '--quiet']);
    await rm(`${dir}/.git/objects/info/alternates`, { force: true });
  }
}
