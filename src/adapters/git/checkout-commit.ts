/**
 * Makes a commit available in the workspace before greenlight works on it: the head
 * a `/fix` was requested on, or both ends of a pull request for the review gate. It
 * fetches from `origin` with per-command credentials (`gitAuthEnv`: never written to
 * disk, not in argv), first the named branches, then the commit itself (GitHub serves
 * any reachable commit by id). No hooks or filters run: fetching runs no repository code.
 */
import { GreenlightError } from '../../ports/errors.ts';
import { gitAuthEnv, type GitAuth } from '../../core/publish/git-auth-env.ts';
import { runGit } from './run-git.ts';

async function hasCommit(root: string, sha: string): Promise<boolean> {
  return (await runGit(root, ['cat-file', '-e', `${sha}^{commit}`])).exitCode === 0;
}

async function fetch(root: string, refspecs: readonly string[], auth: GitAuth): Promise<string> {
  const result = await runGit(root, ['fetch', '--no-tags', '--quiet', 'origin', ...refspecs], {
    env: gitAuthEnv(auth.serverUrl, auth.token),
  });
  return result.exitCode === 0 ? '' : (result.stderr.trim().split('\n').at(-1) ?? '');
}

/**
 * Ensures `sha` exists locally, fetching `branches` (names on origin) and then the
 * commit by id when needed. Throws GreenlightError('git') naming the commit otherwise.
 */
export async function ensureCommit(
  root: string,
  sha: string,
  branches: readonly string[],
  auth: GitAuth,
): Promise<void> {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
    throw new GreenlightError('git', `'${sha}' is not a full commit id.`);
  if (await hasCommit(root, sha)) return;
  const refspecs = branches
    .filter((b) => b !== '' && !b.startsWith('-'))
    .map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`);
  let why = refspecs.length > 0 ? await fetch(root, refspecs, auth) : '';
  if (await hasCommit(root, sha)) return;
  why = (await fetch(root, [sha], auth)) || why;
  if (await hasCommit(root, sha)) return;
  throw new GreenlightError(
    'git',
    `commit ${sha.slice(0, 12)} could not be fetched from origin${why === '' ? '' : ` (${why})`}. ` +
      'Check that the github_token can read the repository (contents: read) and that the commit still exists.',
  );
}

/**
 * Checks out `sha` (detached) in a clean workspace, fetching it first when needed.
 * Refuses a dirty working tree rather than carry someone's changes into the run.
 */
export async function checkoutCommit(
  root: string,
  sha: string,
  branches: readonly string[],
  auth: GitAuth,
): Promise<void> {
  const head = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.exitCode === 0 && head.stdout.trim() === sha) return;
  const status = await runGit(root, ['status', '--porcelain', '--untracked-files=no']);
  if (status.exitCode !== 0 || status.stdout.trim() !== '') {
    throw new GreenlightError(
      'workspace-dirty',
      `the workspace ${root} has uncommitted changes; greenlight needs the clean checkout of the workflow's actions/checkout step.`,
    );
  }
  await ensureCommit(root, sha, branches, auth);
  const checkout = await runGit(root, ['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', sha]);
  if (checkout.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `cannot check out ${sha.slice(0, 12)}: ${checkout.stderr.trim().split('\n').at(-1) ?? ''}.`,
    );
  }
}
