/**
 * The authenticated git calls of the publish step: reading a branch on `origin`,
 * fetching a commit, pushing. Each passes the token through the environment of that one
 * process (gitAuthEnv) and nowhere else.
 */
import { GreenlightError } from '../../ports/errors.ts';
import { gitAuthEnv, type GitAuth } from '../../core/publish/git-auth-env.ts';
import { runGit, type GitResult } from '../git/run-git.ts';

export const REMOTE = 'origin';

/** Runs an authenticated git command. */
export function remoteGit(root: string, auth: GitAuth, args: readonly string[]): Promise<GitResult> {
  return runGit(root, args, { env: gitAuthEnv(auth.serverUrl, auth.token) });
}

/** The commit `refs/heads/<branch>` points at on origin, or null when the branch does not exist. */
export async function readRemoteBranch(root: string, auth: GitAuth, branch: string): Promise<string | null> {
  const ref = `refs/heads/${branch}`;
  const result = await remoteGit(root, auth, ['ls-remote', '--refs', REMOTE, ref]);
  if (result.exitCode !== 0) throw remoteError('read', branch, result);
  const line = result.stdout.split('\n').find((l) => l.endsWith(`\t${ref}`));
  return line === undefined ? null : (line.split('\t')[0] ?? null);
}

/** Makes sure `sha` is in the local repository, fetching it from origin when it is not. */
export async function ensureCommit(root: string, auth: GitAuth, sha: string): Promise<void> {
  if (await hasCommit(root, sha)) return;
  const fetched = await remoteGit(root, auth, ['fetch', '--no-tags', '--no-write-fetch-head', REMOTE, sha]);
  if (fetched.exitCode !== 0 || !(await hasCommit(root, sha))) {
    throw new GreenlightError(
      'git',
      `commit ${sha.slice(0, 12)} is not in ${root} and could not be fetched from origin (${firstLine(fetched.stderr)}): check out the repository with fetch-depth: 0, or check that the commit exists.`,
    );
  }
}

/** Fetches `refs/heads/<branch>` from origin and returns its commit. */
export async function fetchBranch(
  root: string,
  auth: GitAuth,
  branch: string,
  depthHint?: 'unshallow',
): Promise<string> {
  const args = [
    'fetch',
    '--no-tags',
    ...(depthHint === 'unshallow' ? ['--unshallow'] : []),
    REMOTE,
    `refs/heads/${branch}`,
  ];
  const fetched = await remoteGit(root, auth, args);
  if (fetched.exitCode !== 0) throw remoteError('fetch', branch, fetched);
  const head = await runGit(root, ['rev-parse', '--verify', 'FETCH_HEAD^{commit}']);
  if (head.exitCode !== 0)
    throw new GreenlightError('git', `fetching ${branch} from origin left no FETCH_HEAD in ${root}.`);
  return head.stdout.trim();
}

export async function hasCommit(root: string, sha: string): Promise<boolean> {
  return (await runGit(root, ['cat-file', '-e', `${sha}^{commit}`])).exitCode === 0;
}

export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '')
      ?.replace(/^(fatal|error): /, '') ?? 'no output'
  );
}

function remoteError(what: 'read' | 'fetch', branch: string, result: GitResult): GreenlightError {
  return new GreenlightError(
    'git',
    `could not ${what} branch ${branch} on origin: ${firstLine(result.stderr)}. Check that the workflow's token can read the repository (contents: read) and that origin points at GitHub.`,
  );
}
