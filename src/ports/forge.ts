/**
 * The Forge port: everything the Action, the App and the publish step ask of GitHub,
 * for ONE repository (a forge instance is bound to `owner/repo`). Values are small and
 * provider-neutral; the Octokit adapter maps GitHub's REST/GraphQL answers onto them,
 * and `test/fakes/fake-forge.ts` keeps them in memory for tests.
 *
 * Conventions: "not found" answers that callers expect (no such file, workflow, PR
 * for a branch, not a collaborator) are values (`null`, permission `none`); real
 * failures throw `GreenlightError('github', …)` whose message names the missing
 * token permission or the next step.
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Who did something. `isBot` is GitHub's `type === 'Bot'` (or a `[bot]` login). */
export interface Actor {
  login: string;
  isBot: boolean;
}

/** The collaborator-permission API's base permission (maintain → write, triage → read). */
export type PermissionLevel = 'admin' | 'write' | 'read' | 'none';

/**
 * The collaborator-permission API's answer. `roleName` is the precise role
 * (`admin`, `maintain`, `write`, `triage`, `read`, or a custom role's name); a user
 * who is not a collaborator at all is `{ permission: 'none', roleName: 'none' }`.
 */
export interface CollaboratorPermission {
  permission: PermissionLevel;
  roleName: string;
}

export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  author: Actor;
  labels: string[];
  /** GitHub's issues API also returns pull requests. */
  isPullRequest: boolean;
  htmlUrl: string;
}

export interface PullRequestInfo {
  number: number;
  /** GraphQL node id, needed for auto-merge. */
  nodeId: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  author: Actor;
  headSha: string;
  headRef: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepoFullName: string | null;
  /** True when the head lives in another repository (a fork, or a deleted one). */
  isFork: boolean;
  baseRef: string;
  baseSha: string;
  labels: string[];
  htmlUrl: string;
  /** Users and team slugs asked to review and not yet reviewed; absent when unknown. */
  requestedReviewers?: string[];
  requestedTeams?: string[];
}

export interface CommentInfo {
  id: number;
  body: string;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
}

/** A comment with the issue or pull request it belongs to. */
export interface IssueCommentInfo extends CommentInfo {
  issueNumber: number;
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

/** Reactions go on an issue / PR itself or on one of its comments. */
export type ReactionTarget = { kind: 'issue'; number: number } | { kind: 'comment'; id: number };

export interface NewPullRequest {
  title: string;
  body: string;
  /** Branch in this repository. */
  head: string;
  base: string;
  draft: boolean;
}

export interface CreatedPullRequest {
  number: number;
  nodeId: string;
  htmlUrl: string;
}

export interface LabelSpec {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewInfo {
  id: number;
  user: Actor;
  state: ReviewState;
  /** The head commit the review was submitted on. */
  commitId: string | null;
  submittedAt: string | null;
}

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed';
export type CheckRunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

/** What a check run shows. `conclusion` is required exactly when `status` is `completed`. */
export interface CheckRunFields {
  status: CheckRunStatus;
  conclusion?: CheckRunConclusion;
  title: string;
  /** Markdown, at most 65535 characters (the adapter cuts longer text). */
  summary: string;
  detailsUrl?: string;
  /**
   * Opaque data only the check's creator can write (e.g. who requested the change),
   * read back with `listCheckRuns`.
   */
  externalId?: string;
}

export interface NewCheckRun extends CheckRunFields {
  name: string;
  headSha: string;
}

export interface CheckRunInfo {
  id: number;
  name: string;
  headSha: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | null;
  externalId: string | null;
  /** Id of the GitHub App that created it (null when unknown). */
  appId: number | null;
}

export type ChangedFileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface PullRequestFile {
  path: string;
  previousPath?: string;
  status: ChangedFileStatus;
  additions: number;
  deletions: number;
}

/** A commit of a pull request, as the API lists it (oldest first). */
export interface CommitInfo {
  sha: string;
  /** The accounts GitHub linked to the git author and committer (by verified email), or null. */
  author: Actor | null;
  committer: Actor | null;
  /** The git identities as written in the commit. */
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** The whole commit message (subject, body, trailers). */
  message: string;
}

export interface FileContent {
  path: string;
  /** UTF-8 text. */
  content: string;
  /** Blob sha. */
  sha: string;
  /** The branch it was read from. */
  ref: string;
}

export interface WorkflowInfo {
  id: number;
  path: string;
  /** `active`, `disabled_manually`, … as GitHub reports it. */
  state: string;
}

/** A workflow run, as the Actions API reports it. */
export interface WorkflowRunInfo {
  id: number;
  /** The workflow's name, e.g. `CI`. */
  name: string;
  /** The workflow file, e.g. `.github/workflows/ci.yml`. */
  path: string;
  /** The commit the run tested. */
  headSha: string;
  /** `owner/name` of the repository the run tested (a fork's, for a fork's pull request); null when unknown. */
  headRepoFullName: string | null;
  /** `queued`, `in_progress`, `completed`, … */
  status: string;
  /** `success`, `failure`, `cancelled`, …; null until completed. */
  conclusion: string | null;
  htmlUrl: string;
  /** Pull requests of this repository the run belongs to. */
  pullRequests: number[];
}

export interface WorkflowStepInfo {
  number: number;
  name: string;
  conclusion: string | null;
}

/** One job of a workflow run (its latest attempt). */
export interface WorkflowJobInfo {
  id: number;
  name: string;
  conclusion: string | null;
  htmlUrl: string;
  steps: WorkflowStepInfo[];
}

/** A job's log: its last `maxBytes` when it was longer (`truncated`). */
export interface JobLog {
  text: string;
  truncated: boolean;
}

/** A comment on a pull request's diff (a review thread starts with one). */
export interface ReviewCommentInfo {
  id: number;
  /** The review it was submitted with. */
  reviewId: number | null;
  /** The comment it answers, when it is a reply in an existing thread. */
  inReplyTo: number | null;
  path: string;
  /** The commented lines (`startLine`…`line`) of the file at `commitId`; null when the comment is on the file, or outdated. */
  line: number | null;
  startLine: number | null;
  /** `RIGHT`: lines of the new file; `LEFT`: of the old one. */
  side: 'LEFT' | 'RIGHT' | null;
  commitId: string;
  diffHunk: string;
  body: string;
  author: Actor;
  htmlUrl: string;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** Auto-merge that the repository does not allow is an expected outcome, not an error. */
export type AutoMergeResult = { enabled: true } | { enabled: false; reason: string };

export interface Forge {
  readonly repo: RepoRef;

  getPermission(login: string): Promise<CollaboratorPermission>;
  getDefaultBranch(): Promise<string>;
  /**
   * A file as it is on the default branch, or null when absent. Configuration and
   * instruction files are only ever read this way, never from a PR head (docs/security.md §5).
   */
  getFileOnDefaultBranch(path: string): Promise<FileContent | null>;

  getIssue(number: number): Promise<IssueInfo>;
  getPullRequest(number: number): Promise<PullRequestInfo>;
  /** The open pull request whose head is `branch` in this repository, if any. */
  findPullRequestForBranch(branch: string): Promise<PullRequestInfo | null>;
  listPullRequestFiles(number: number): Promise<PullRequestFile[]>;
  /** The commits of a pull request (base..head), oldest first; GitHub lists at most 250. */
  listPullRequestCommits(number: number): Promise<CommitInfo[]>;

  listIssueComments(number: number): Promise<CommentInfo[]>;
  /** One comment of this repository's issues and pull requests, or null when there is none with that id. */
  getIssueComment(commentId: number): Promise<IssueCommentInfo | null>;
  createComment(issueNumber: number, body: string): Promise<CommentInfo>;
  updateComment(commentId: number, body: string): Promise<CommentInfo>;
  addReaction(target: ReactionTarget, content: ReactionContent): Promise<void>;

  createPullRequest(request: NewPullRequest): Promise<CreatedPullRequest>;
  /** A re-run for a branch that already has a pull request updates its title and body. */
  updatePullRequest(number: number, changes: { title?: string; body?: string }): Promise<void>;
  /** Creates the labels that do not exist yet; existing ones are left as they are. */
  ensureLabels(labels: readonly LabelSpec[]): Promise<void>;
  addLabels(issueNumber: number, labels: readonly string[]): Promise<void>;
  /** Removing a label that is not there is not an error. */
  removeLabel(issueNumber: number, label: string): Promise<void>;
  requestReviewers(
    prNumber: number,
    request: { reviewers: readonly string[]; teams: readonly string[] },
  ): Promise<void>;
  listReviews(prNumber: number): Promise<ReviewInfo[]>;
  /** The comments submitted with one review, oldest first. */
  listReviewComments(prNumber: number, reviewId: number): Promise<ReviewCommentInfo[]>;
  /** Answers a review comment in its thread (a reply to a reply goes to the thread's first comment). */
  replyToReviewComment(prNumber: number, commentId: number, body: string): Promise<CommentInfo>;
  enableAutoMerge(prNumber: number, method: MergeMethod): Promise<AutoMergeResult>;

  createCheckRun(request: NewCheckRun): Promise<CheckRunInfo>;
  updateCheckRun(checkRunId: number, fields: CheckRunFields): Promise<CheckRunInfo>;
  /** Check runs named `name` on a commit, newest first. */
  listCheckRuns(ref: string, name: string): Promise<CheckRunInfo[]>;

  /** The workflow file (`greenlight.yml` or `.github/workflows/greenlight.yml`), or null. */
  getWorkflow(workflowFile: string): Promise<WorkflowInfo | null>;
  dispatchWorkflow(workflowFile: string, ref: string, inputs: Readonly<Record<string, string>>): Promise<void>;
  /** One workflow run of this repository. */
  getWorkflowRun(runId: number): Promise<WorkflowRunInfo>;
  /** The jobs of a run's latest attempt, with their steps. */
  listWorkflowRunJobs(runId: number): Promise<WorkflowJobInfo[]>;
  /** A job's plain-text log (GitHub redirects to a short-lived URL; the adapter follows it), its end kept. */
  readJobLog(jobId: number, maxBytes: number): Promise<JobLog>;
}
