/** The error for a push origin refused, saying where the commit is kept and what to do. */
import { GreenlightError } from '../../ports/errors.ts';
import type { Redactor } from '../../core/redact/create-redactor.ts';

export interface PushRejectedFacts {
  root: string;
  branch: string;
  commit: string;
  /** The local branch holding the commit, or null when only the SHA keeps it. */
  localBranch: string | null;
  reason: string;
  /** A failed lease: someone pushed to the branch after greenlight looked. */
  moved?: boolean;
  /** greenlight itself declined to push (e.g. the branch holds someone else's commits). */
  declined?: boolean;
}

export function pushRejectedError(facts: PushRejectedFacts, redactor: Redactor): GreenlightError {
  const kept =
    facts.localBranch === null
      ? `commit ${facts.commit} is in ${facts.root} (git branch keep ${facts.commit} to name it)`
      : `commit ${facts.commit.slice(0, 12)} is kept in ${facts.root} on local branch ${facts.localBranch}`;
  const what = facts.moved
    ? `someone pushed to ${facts.branch} after greenlight read it, and greenlight never overwrites other people's commits. Look at the branch, then re-run greenlight or push by hand`
    : "check branch protection rules and rulesets for the branch, pre-receive hooks, and that the workflow's token has contents: write (and that the repository allows GitHub Actions to create pull requests)";
  const push =
    facts.localBranch === null
      ? ''
      : `; to push it yourself: git push origin ${facts.localBranch}:refs/heads/${facts.branch}`;
  return new GreenlightError(
    'push-rejected',
    redactor.redact(
      facts.declined
        ? `greenlight did not push to ${facts.branch}: ${facts.reason}. Nothing is lost: ${kept}.`
        : `origin rejected the push to ${facts.branch}: ${facts.reason}. Nothing is lost: ${kept}${push}. To fix the cause: ${what}.`,
    ),
  );
}
