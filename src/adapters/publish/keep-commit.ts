/**
 * Keeps a commit the publish step made reachable in the local repository under a
 * branch name, so that nothing is lost when a push is rejected: the error message can
 * say "commit X is on local branch Y; push it with …". The checked-out branch is
 * never moved (that would make the working tree look changed).
 */
import { git, runGit } from '../git/run-git.ts';

/** The local branch now pointing at `commit`, or null when `branch` is checked out. */
export async function keepCommit(root: string, branch: string, commit: string): Promise<string | null> {
  const current = await runGit(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (current.exitCode === 0 && current.stdout.trim() === branch) return null;
  await git(root, ['update-ref', '-m', 'greenlight: publish', `refs/heads/${branch}`, commit]);
  return branch;
}
