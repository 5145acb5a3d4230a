/**
 * Values shared by the publish step (`publishGenerate`, `publishFix`, `publishBundle`):
 * who asked, how to reach the server, and what publishing did. Expected outcomes
 * (nothing to publish, a refused path, a fork, a moved head) are values; real
 * failures (a rejected push, GitHub errors) are GreenlightErrors.
 */
import type { RiskAssessment } from '../risk/assessment.ts';
import type { RiskTier } from '../risk/tier.ts';
import type { GateState } from '../gate/evaluate-gate.ts';

/** The person who asked for the change. `id` (GitHub's numeric user id) enables `Co-authored-by`. */
export interface Requester {
  login: string;
  id?: number;
}

/** A changed path the publish step will not push, and why. */
export interface PathViolation {
  path: string;
  reason: string;
}

/** Where a change holds what looks like a secret (docs/security.md §29): never the value. */
export interface SecretFinding {
  path: string;
  /** Line in the new file; null for a binary file. */
  line: number | null;
  /** What was found: `a secret value this job holds (base64)`, `a github token`, … */
  what: string;
}

/** A commit the publish step made, as the evidence record describes it (docs/architecture.md "The evidence record"). */
export interface PublishedCommit {
  sha: string;
  /** The commit it was made on: the base, or the pull request's recorded head. */
  parent: string;
  branch: string;
  /** false for a dry run: the commit exists only on the runner. */
  pushed: boolean;
  role: 'pull-request' | 'fix' | 'work-in-progress';
  /** The publish step's own classification of what the branch now holds. */
  risk: RiskAssessment;
  /**
   * For a change bundle: the generate job's evidence record from its manifest, which
   * the publish job's record continues (its own log has no engine run). Not trusted
   * for anything but being shown: it is checked against the evidence schema.
   */
  carried?: unknown;
}

/** What the publish step did with the pull request and branch. */
export type PublishResult =
  /** A new pull request. */
  | (PublishedChange & { kind: 'opened'; prNumber: number; prUrl: string })
  /** A re-run: the branch's existing pull request got the new commit, title and body. */
  | (PublishedChange & { kind: 'updated'; prNumber: number; prUrl: string })
  /** The loop gave up: its best state is on a branch, with no pull request (see `compareUrl`). */
  | (PublishedChange & { kind: 'pushed-branch'; compareUrl: string; reason: string })
  /** `/fix`: a commit pushed on top of the pull request's head. */
  | (PublishedChange & { kind: 'pushed-fix'; prNumber: number; prUrl: string; previousTier: RiskTier | null })
  /** Dry run: the commit exists locally; nothing was pushed and GitHub was not written to. */
  | (PublishedChange & { kind: 'dry-run'; prNumber?: number })
  /** Nothing was pushed; `message` says why in a sentence for the progress comment. */
  | PublishRefusal;

export interface PublishedChange {
  branch: string;
  commitSha: string;
  /** The publish step's own classification of what the branch now holds. */
  risk: RiskAssessment;
  gate: GateState | null;
  /** Things that did not work but did not stop publishing (a reviewer request GitHub refused…). */
  warnings?: string[];
}

export type RefusalReason =
  /** The job produced no change (refused, or nothing differs from the base). */
  | 'no-changes'
  /** A changed path may not be pushed (workflows, `.git`, paths.deny). */
  | 'forbidden-paths'
  /** `/fix` on a pull request from a fork: its code is not run with this repository's secrets. */
  | 'fork'
  /** `/fix`: the pull request's head is no longer the commit the run started from. */
  | 'head-moved'
  /** `/fix`: the pull request is closed or merged. */
  | 'pr-closed'
  /** The change holds a secret the job holds, or a credential's shape (docs/security.md §29). */
  | 'secrets'
  /** The change is over a `publish.*` size limit (docs/security.md §33). */
  | 'too-large';

export interface PublishRefusal {
  kind: 'refused';
  reason: RefusalReason;
  message: string;
  /** For `forbidden-paths`. */
  violations?: PathViolation[];
  /** For `secrets`. */
  findings?: SecretFinding[];
  /** For `too-large`: one sentence per limit exceeded. */
  oversize?: string[];
  /** For `head-moved`: the head now on GitHub, when known. */
  currentHeadSha?: string;
}
