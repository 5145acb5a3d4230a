/**
 * GitHub REST shapes → the Forge port's small values. Loose input types on purpose:
 * the same objects arrive from github.com and from older GHES versions, where some
 * fields (role_name, draft, head.repo of a deleted fork) may be missing or null.
 */
import type {
  Actor,
  CheckRunConclusion,
  CheckRunInfo,
  CheckRunStatus,
  CollaboratorPermission,
  CommentInfo,
  CommitInfo,
  IssueInfo,
  PermissionLevel,
  PullRequestInfo,
  RepoRef,
  ReviewCommentInfo,
  ReviewInfo,
  ReviewState,
  WorkflowJobInfo,
  WorkflowRunInfo,
} from '../../ports/forge.ts';

type User = { login: string; type?: string } | null | undefined;
type Label = string | { name?: string | null };

/** A deleted account shows as GitHub's `ghost`. */
export function mapActor(user: User): Actor {
  const login = user?.login ?? 'ghost';
  return { login, isBot: user?.type === 'Bot' || login.endsWith('[bot]') };
}

const labelNames = (labels: readonly Label[] | undefined) =>
  (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((n) => n !== '');

export function mapPermission(data: { permission?: string; role_name?: string | null }): CollaboratorPermission {
  const raw = (data.permission ?? 'none').toLowerCase();
  // Older answers may carry the precise role in `permission`.
  const permission: PermissionLevel =
    raw === 'admin' || raw === 'write' || raw === 'read' || raw === 'none'
      ? raw
      : raw === 'maintain'
        ? 'write'
        : raw === 'triage'
          ? 'read'
          : 'none';
  return { permission, roleName: data.role_name ?? raw };
}

export function mapIssue(data: {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  user: User;
  labels?: readonly Label[];
  pull_request?: unknown;
  html_url: string;
}): IssueInfo {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? '',
    state: data.state === 'closed' ? 'closed' : 'open',
    author: mapActor(data.user),
    labels: labelNames(data.labels),
    isPullRequest: data.pull_request !== undefined && data.pull_request !== null,
    htmlUrl: data.html_url,
  };
}

export function mapPullRequest(
  repo: RepoRef,
  data: {
    number: number;
    node_id: string;
    title: string;
    body?: string | null;
    state: string;
    merged?: boolean | null;
    merged_at?: string | null;
    draft?: boolean;
    user: User;
    labels?: readonly Label[];
    html_url: string;
    head: { sha: string; ref: string; repo?: { full_name: string } | null };
    base: { sha: string; ref: string };
    requested_reviewers?: readonly ({ login?: string } | null)[] | null;
    requested_teams?: readonly ({ slug?: string } | null)[] | null;
  },
): PullRequestInfo {
  const headRepoFullName = data.head.repo?.full_name ?? null;
  return {
    number: data.number,
    nodeId: data.node_id,
    title: data.title,
    body: data.body ?? '',
    state: data.state === 'closed' ? 'closed' : 'open',
    merged: data.merged ?? (data.merged_at !== null && data.merged_at !== undefined),
    draft: data.draft ?? false,
    author: mapActor(data.user),
    headSha: data.head.sha,
    headRef: data.head.ref,
    headRepoFullName,
    isFork: headRepoFullName === null || headRepoFullName.toLowerCase() !== `${repo.owner}/${repo.repo}`.toLowerCase(),
    baseRef: data.base.ref,
    baseSha: data.base.sha,
    labels: labelNames(data.labels),
    htmlUrl: data.html_url,
    ...(data.requested_reviewers === undefined || data.requested_reviewers === null
      ? {}
      : { requestedReviewers: data.requested_reviewers.flatMap((u) => (u?.login ? [u.login] : [])) }),
    ...(data.requested_teams === undefined || data.requested_teams === null
      ? {}
      : { requestedTeams: data.requested_teams.flatMap((t) => (t?.slug ? [t.slug] : [])) }),
  };
}

type GitIdentity = { name?: string | null; email?: string | null } | null | undefined;

/** A pull request commit; `author`/`committer` are the linked accounts, null when GitHub linked none. */
export function mapCommit(data: {
  sha: string;
  author?: { login: string; type?: string } | Record<string, never> | null;
  committer?: { login: string; type?: string } | Record<string, never> | null;
  commit: { author?: GitIdentity; committer?: GitIdentity; message?: string };
}): CommitInfo {
  const linked = (user: { login?: string; type?: string } | null | undefined) =>
    user?.login === undefined ? null : mapActor(user as { login: string; type?: string });
  return {
    sha: data.sha,
    author: linked(data.author),
    committer: linked(data.committer),
    authorName: data.commit.author?.name ?? '',
    authorEmail: data.commit.author?.email ?? '',
    committerName: data.commit.committer?.name ?? '',
    committerEmail: data.commit.committer?.email ?? '',
    message: data.commit.message ?? '',
  };
}

export function mapComment(data: {
  id: number;
  body?: string | null;
  user: User;
  created_at: string;
  updated_at: string;
  html_url: string;
}): CommentInfo {
  return {
    id: data.id,
    body: data.body ?? '',
    author: mapActor(data.user),
    createdAt: data.created_at,
    updatedAt: data.updated_at,
    htmlUrl: data.html_url,
  };
}

const REVIEW_STATES: readonly ReviewState[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];

export function mapReview(data: {
  id: number;
  user: User;
  state: string;
  commit_id?: string | null;
  submitted_at?: string | null;
}): ReviewInfo {
  const state = data.state.toUpperCase() as ReviewState;
  return {
    id: data.id,
    user: mapActor(data.user),
    // An unknown future state must never read as an approval.
    state: REVIEW_STATES.includes(state) ? state : 'COMMENTED',
    commitId: data.commit_id ?? null,
    submittedAt: data.submitted_at ?? null,
  };
}

export function mapCheckRun(data: {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string | null;
  external_id?: string | null;
  app?: { id?: number } | null;
}): CheckRunInfo {
  return {
    id: data.id,
    name: data.name,
    headSha: data.head_sha,
    status: (['queued', 'in_progress', 'completed'].includes(data.status) ? data.status : 'queued') as CheckRunStatus,
    conclusion: (data.conclusion ?? null) as CheckRunConclusion | null,
    externalId: data.external_id === '' || data.external_id === undefined ? null : data.external_id,
    appId: data.app?.id ?? null,
  };
}

export function mapWorkflowRun(data: {
  id: number;
  name?: string | null;
  path: string;
  head_sha: string;
  head_repository?: { full_name?: string } | null;
  status?: string | null;
  conclusion?: string | null;
  html_url: string;
  pull_requests?: readonly ({ number: number } | null)[] | null;
}): WorkflowRunInfo {
  return {
    id: data.id,
    name: data.name ?? '',
    path: data.path.replace(/@.*$/, ''),
    headSha: data.head_sha,
    headRepoFullName: data.head_repository?.full_name ?? null,
    status: data.status ?? 'unknown',
    conclusion: data.conclusion ?? null,
    htmlUrl: data.html_url,
    pullRequests: (data.pull_requests ?? []).flatMap((pr) => (pr === null ? [] : [pr.number])),
  };
}

export function mapWorkflowJob(data: {
  id: number;
  name: string;
  conclusion?: string | null;
  html_url?: string | null;
  steps?: readonly { number: number; name: string; conclusion?: string | null }[];
}): WorkflowJobInfo {
  return {
    id: data.id,
    name: data.name,
    conclusion: data.conclusion ?? null,
    htmlUrl: data.html_url ?? '',
    steps: (data.steps ?? []).map((step) => ({
      number: step.number,
      name: step.name,
      conclusion: step.conclusion ?? null,
    })),
  };
}

export function mapReviewComment(data: {
  id: number;
  pull_request_review_id?: number | null;
  in_reply_to_id?: number;
  path: string;
  line?: number | null;
  start_line?: number | null;
  side?: string | null;
  commit_id: string;
  diff_hunk: string;
  body: string;
  user: User;
  html_url: string;
}): ReviewCommentInfo {
  const line = data.line ?? null;
  return {
    id: data.id,
    reviewId: data.pull_request_review_id ?? null,
    inReplyTo: data.in_reply_to_id ?? null,
    path: data.path,
    line,
    startLine: line === null ? null : (data.start_line ?? null),
    side: data.side === 'LEFT' || data.side === 'RIGHT' ? data.side : null,
    commitId: data.commit_id,
    diffHunk: data.diff_hunk,
    body: data.body,
    author: mapActor(data.user),
    htmlUrl: data.html_url,
  };
}
