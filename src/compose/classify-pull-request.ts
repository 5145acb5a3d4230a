/**
 * The review gate's tier: greenlight's own classification of a pull request's diff
 * (never its labels or body), as GitHub shows the diff: from the merge base of the
 * base branch and the head, to the head. Runs git only; no repository code.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import { GreenlightError } from '../ports/errors.ts';
import { gitAuthEnv, type GitAuth } from '../core/publish/git-auth-env.ts';
import type { RiskAssessment } from '../core/risk/assessment.ts';
import { classifyRisk } from '../core/risk/classify-risk.ts';
import { readRevisionChange } from './read-revision-change.ts';
import { runGit } from '../adapters/git/run-git.ts';
import { ensureCommit } from '../adapters/git/checkout-commit.ts';

export interface PullRequestRange {
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
}

async function mergeBase(root: string, a: string, b: string): Promise<string | null> {
  const result = await runGit(root, ['merge-base', a, b]);
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** Classifies the pull request's change in the workspace at `root`. */
export async function classifyPullRequest(
  root: string,
  range: PullRequestRange,
  risk: RepoConfig['risk'],
  auth: GitAuth,
): Promise<RiskAssessment> {
  await ensureCommit(root, range.headSha, [range.headRef], auth);
  await ensureCommit(root, range.baseSha, [range.baseRef], auth);
  let base = await mergeBase(root, range.baseSha, range.headSha);
  if (base === null) {
    const shallow = await runGit(root, ['rev-parse', '--is-shallow-repository']);
    if (shallow.stdout.trim() === 'true') {
      await runGit(root, ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], {
        env: gitAuthEnv(auth.serverUrl, auth.token),
      });
      base = await mergeBase(root, range.baseSha, range.headSha);
    }
  }
  if (base === null) {
    throw new GreenlightError(
      'git',
      `no merge base of ${range.baseRef} and ${range.headRef} in the workspace. Check out with fetch-depth: 0 in the gate workflow.`,
    );
  }
  const change = await readRevisionChange(root, { base, head: range.headSha }, '.github/greenlight.yml');
  return classifyRisk(change.changes, { risk, contents: change.contents, evidence: change.evidence });
}
