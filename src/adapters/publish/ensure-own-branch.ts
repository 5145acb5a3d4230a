/**
 * Before greenlight moves a branch that already exists on origin, every commit on it
 * (since `base`) must be greenlight's own (author email from `commit.authorEmail`).
 * Anything else is someone's work, and greenlight declines to overwrite it.
 */
import { createRedactor } from '../../core/redact/create-redactor.ts';
import { git } from '../git/run-git.ts';
import { pushRejectedError } from './push-rejected-error.ts';
import { fetchBranch } from './remote-git.ts';
import type { GitAuth } from '../../core/publish/git-auth-env.ts';

export interface OwnBranchFacts {
  root: string;
  branch: string;
  /** Where origin's branch is now. */
  remote: string;
  base: string;
  authorEmail: string;
  /** The commit that would replace it, and where it is kept locally (for the error). */
  commit: string;
  localBranch: string | null;
}

export async function ensureOwnBranch(auth: GitAuth, facts: OwnBranchFacts): Promise<void> {
  const { root } = facts;
  await fetchBranch(root, auth, facts.branch);
  const lines = (await git(root, ['log', '--format=%ae%x09%h', facts.remote, '--not', facts.base, '--']))
    .split('\n')
    .filter((l) => l !== '');
  const foreign = lines
    .map((line) => line.split('\t'))
    .filter(([email]) => email?.toLowerCase() !== facts.authorEmail.toLowerCase());
  if (foreign.length === 0) return;
  throw pushRejectedError(
    {
      root,
      branch: facts.branch,
      commit: facts.commit,
      localBranch: facts.localBranch,
      declined: true,
      reason: `the branch already has commits greenlight did not make (${foreign
        .slice(0, 3)
        .map(([, sha]) => sha)
        .join(', ')}), and greenlight does not overwrite them; delete or rename the branch, or change branch.template`,
    },
    createRedactor({ secrets: [auth.token] }),
  );
}
