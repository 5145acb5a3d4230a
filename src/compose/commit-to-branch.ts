/**
 * Record a tree (the job's result, `outcome.tree`) as one commit on a NEW branch,
 * without checking anything out: the commit with `git commit-tree`, the branch with
 * `git update-ref` that refuses to overwrite. HEAD, the index, the working tree and the
 * user's branch never move.
 */
import { git, runGit } from '../adapters/git/run-git.ts';
import { GreenlightError } from '../ports/errors.ts';

export interface CommitToBranchOptions {
  /** Branch name without `refs/heads/`. */
  branch: string;
  /** Parent commit. */
  parent: string;
  /** The tree to commit (an object of this repository). */
  tree: string;
  message: string;
  author: { name: string; email: string };
}

/** Returns the new commit's id. */
export async function commitToBranch(root: string, options: CommitToBranchOptions): Promise<string> {
  const { tree } = options;
  const { name, email } = options.author;
  const env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
  const commit = (
    await git(root, ['commit-tree', '--no-gpg-sign', tree, '-p', options.parent, '-F', '-'], {
      env,
      input: options.message,
    })
  ).trim();
  // An all-zero old value makes update-ref fail when the branch already exists.
  const result = await runGit(root, [
    'update-ref',
    '-m',
    'greenlight run',
    `refs/heads/${options.branch}`,
    commit,
    '0'.repeat(commit.length),
  ]);
  if (result.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `could not create branch ${options.branch} in ${root}: ${result.stderr.trim() || `git exited with ${result.exitCode}`}.`,
    );
  }
  return commit;
}

/** `name`, or `name-2`, `name-3`… when a branch of that name exists already. */
export async function freeBranchName(root: string, name: string): Promise<string> {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    const exists = await runGit(root, ['show-ref', '--verify', '--quiet', `refs/heads/${candidate}`]);
    if (exists.exitCode !== 0) return candidate;
  }
  throw new GreenlightError(
    'git',
    `branches ${name} to ${name}-999 all exist in ${root}: delete old greenlight branches (git branch -D …).`,
  );
}
