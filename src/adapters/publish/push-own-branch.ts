/**
 * Moves one of greenlight's own branches (a new pull request's head, a work-in-progress
 * branch) to `commit`: when the branch exists on origin, every commit on it since `base`
 * must be greenlight's (ensureOwnBranch), and the push leases on where origin has it now,
 * so that nobody's work is overwritten. A rejected push throws, naming where the commit is
 * kept locally.
 */
import type { GitAuth } from '../../core/publish/git-auth-env.ts';
import type { Redactor } from '../../core/redact/create-redactor.ts';
import { ensureOwnBranch } from './ensure-own-branch.ts';
import { pushBranch } from './push-branch.ts';
import { pushRejectedError } from './push-rejected-error.ts';
import { readRemoteBranch } from './remote-git.ts';

export interface OwnBranchPush {
  root: string;
  branch: string;
  /** Where greenlight's commits on the branch start: the pull request's base or head. */
  base: string;
  /** `commit.authorEmail`: whose commits count as greenlight's. */
  authorEmail: string;
  commit: string;
  /** The local branch that keeps `commit` (named in the error). */
  localBranch: string | null;
}

/** @throws GreenlightError `push-rejected` when the branch holds someone else's commits or the push is refused. */
export async function pushOwnBranch(auth: GitAuth, redactor: Redactor, push: OwnBranchPush): Promise<void> {
  const { root, branch, commit, localBranch } = push;
  const remote = await readRemoteBranch(root, auth, branch);
  if (remote !== null) await ensureOwnBranch(auth, { ...push, remote });
  const pushed = await pushBranch(root, auth, { branch, commit, lease: remote });
  if (pushed.ok) return;
  throw pushRejectedError(
    {
      root,
      branch,
      commit,
      localBranch,
      reason: pushed.reason,
      moved: pushed.rejection === 'stale' || pushed.rejection === 'non-fast-forward',
    },
    redactor,
  );
}
