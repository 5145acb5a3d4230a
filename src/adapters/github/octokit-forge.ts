/**
 * The Forge port on `@octokit/rest`, for one repository. It is handed its Octokit
 * (from `createOctokit`, or Probot's per-installation client), so it works against
 * github.com and GitHub Enterprise Server alike. Every failure becomes
 * `GreenlightError('github', …)` naming the token permission the call needs;
 * expected "not found" answers are values.
 */
import type {
  AutoMergeResult,
  CheckRunFields,
  CheckRunInfo,
  CollaboratorPermission,
  CommentInfo,
  CommitInfo,
  IssueCommentInfo,
  CreatedPullRequest,
  JobLog,
  FileContent,
  Forge,
  IssueInfo,
  LabelSpec,
  MergeMethod,
  NewCheckRun,
  NewPullRequest,
  PullRequestFile,
  PullRequestInfo,
  ReactionContent,
  ReactionTarget,
  RepoRef,
  ReviewCommentInfo,
  ReviewInfo,
  WorkflowInfo,
  WorkflowJobInfo,
  WorkflowRunInfo,
} from '../../ports/forge.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { GitHubClient } from './create-octokit.ts';
import {
  mapCheckRun,
  mapComment,
  mapCommit,
  mapIssue,
  mapPermission,
  mapPullRequest,
  mapReview,
  mapReviewComment,
  mapWorkflowJob,
  mapWorkflowRun,
} from './map-github.ts';
import { ensureRepoLabels } from './ensure-repo-labels.ts';
import { readLogTail } from './read-log-tail.ts';
import { toGithubError } from './to-github-error.ts';

/** GitHub's limits: 65536 characters for comment and PR bodies, 65535 for check output. */
const MAX_BODY = 65_536;
const MAX_CHECK_TEXT = 65_535;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = '\n\n… (cut: too long for GitHub)';
  return text.slice(0, max - marker.length) + marker;
}

const statusOf = (error: unknown) => (error as { status?: unknown } | null)?.status;

/** `.github/workflows/greenlight.yml` and `greenlight.yml` both name the workflow file. */
const workflowId = (file: string) => file.replace(/^\.github\/workflows\//, '');

export class OctokitForge implements Forge {
  readonly repo: RepoRef;
  readonly #octokit: GitHubClient;
  #defaultBranch: string | null = null;

  constructor(octokit: GitHubClient, repo: RepoRef) {
    this.#octokit = octokit;
    this.repo = repo;
  }

  async #call<T>(action: string, permission: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toGithubError(error, action, permission);
    }
  }

  /** Like #call, but an HTTP 404 is the value `missing`. */
  async #callOr<T, M>(missing: M, action: string, permission: string, run: () => Promise<T>): Promise<T | M> {
    try {
      return await run();
    } catch (error) {
      if (statusOf(error) === 404) return missing;
      throw toGithubError(error, action, permission);
    }
  }

  async getPermission(login: string): Promise<CollaboratorPermission> {
    return this.#callOr(
      { permission: 'none', roleName: 'none' } as CollaboratorPermission,
      `read the permission of @${login}`,
      'metadata: read',
      async () => {
        const { data } = await this.#octokit.rest.repos.getCollaboratorPermissionLevel({
          ...this.repo,
          username: login,
        });
        return mapPermission(data);
      },
    );
  }

  async getDefaultBranch(): Promise<string> {
    this.#defaultBranch ??= await this.#call(
      'read the repository',
      'metadata: read',
      async () => (await this.#octokit.rest.repos.get({ ...this.repo })).data.default_branch,
    );
    return this.#defaultBranch;
  }

  async getFileOnDefaultBranch(path: string): Promise<FileContent | null> {
    const ref = await this.getDefaultBranch();
    const data = await this.#callOr(
      null,
      `read ${path} on ${ref}`,
      'contents: read',
      async () => (await this.#octokit.rest.repos.getContent({ ...this.repo, path, ref })).data,
    );
    if (data === null) return null;
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      const kind = Array.isArray(data) ? 'directory' : data.type;
      throw new GreenlightError(
        'github',
        `${path} on ${ref} is a ${kind}, not a file. Replace it with a regular file.`,
      );
    }
    if (data.encoding !== 'base64') {
      throw new GreenlightError(
        'github',
        `${path} on ${ref} is too large to read through the contents API (${data.size} bytes). Keep it under 1 MB.`,
      );
    }
    return { path, content: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha, ref };
  }

  async getIssue(number: number): Promise<IssueInfo> {
    return this.#call(`read issue #${number}`, 'issues: read', async () =>
      mapIssue((await this.#octokit.rest.issues.get({ ...this.repo, issue_number: number })).data),
    );
  }

  async getPullRequest(number: number): Promise<PullRequestInfo> {
    return this.#call(`read pull request #${number}`, 'pull-requests: read', async () =>
      mapPullRequest(this.repo, (await this.#octokit.rest.pulls.get({ ...this.repo, pull_number: number })).data),
    );
  }

  async findPullRequestForBranch(branch: string): Promise<PullRequestInfo | null> {
    return this.#call(`look for a pull request from ${branch}`, 'pull-requests: read', async () => {
      const { data } = await this.#octokit.rest.pulls.list({
        ...this.repo,
        head: `${this.repo.owner}:${branch}`,
        state: 'open',
        per_page: 1,
      });
      const first = data[0];
      return first === undefined ? null : mapPullRequest(this.repo, first);
    });
  }

  async listPullRequestFiles(number: number): Promise<PullRequestFile[]> {
    return this.#call(`list the files of pull request #${number}`, 'pull-requests: read', async () => {
      const files = await this.#octokit.paginate(this.#octokit.rest.pulls.listFiles, {
        ...this.repo,
        pull_number: number,
        per_page: 100,
      });
      return files.map((f) => ({
        path: f.filename,
        ...(f.previous_filename === undefined ? {} : { previousPath: f.previous_filename }),
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
      }));
    });
  }

  async listPullRequestCommits(number: number): Promise<CommitInfo[]> {
    return this.#call(`list the commits of pull request #${number}`, 'pull-requests: read', async () =>
      (
        await this.#octokit.paginate(this.#octokit.rest.pulls.listCommits, {
          ...this.repo,
          pull_number: number,
          per_page: 100,
        })
      ).map(mapCommit),
    );
  }

  async listIssueComments(number: number): Promise<CommentInfo[]> {
    return this.#call(`list the comments of #${number}`, 'issues: read', async () =>
      (
        await this.#octokit.paginate(this.#octokit.rest.issues.listComments, {
          ...this.repo,
          issue_number: number,
          per_page: 100,
        })
      ).map(mapComment),
    );
  }

  async getIssueComment(commentId: number): Promise<IssueCommentInfo | null> {
    const data = await this.#callOr(
      null,
      `read comment ${commentId}`,
      'issues: read',
      async () => (await this.#octokit.rest.issues.getComment({ ...this.repo, comment_id: commentId })).data,
    );
    if (data === null) return null;
    // issue_url ends with /issues/<number> for issues and pull requests alike.
    const issueNumber = Number(/\/issues\/(\d+)$/.exec(data.issue_url)?.[1] ?? Number.NaN);
    return { ...mapComment(data), issueNumber };
  }

  async createComment(issueNumber: number, body: string): Promise<CommentInfo> {
    return this.#call(`comment on #${issueNumber}`, 'issues: write (pull-requests: write on pull requests)', async () =>
      mapComment(
        (
          await this.#octokit.rest.issues.createComment({
            ...this.repo,
            issue_number: issueNumber,
            body: cut(body, MAX_BODY),
          })
        ).data,
      ),
    );
  }

  async updateComment(commentId: number, body: string): Promise<CommentInfo> {
    return this.#call(
      `update comment ${commentId}`,
      'issues: write (pull-requests: write on pull requests)',
      async () =>
        mapComment(
          (
            await this.#octokit.rest.issues.updateComment({
              ...this.repo,
              comment_id: commentId,
              body: cut(body, MAX_BODY),
            })
          ).data,
        ),
    );
  }

  async addReaction(target: ReactionTarget, content: ReactionContent): Promise<void> {
    const where = target.kind === 'issue' ? `#${target.number}` : `comment ${target.id}`;
    await this.#call(`react to ${where}`, 'issues: write (pull-requests: write on pull requests)', async () => {
      if (target.kind === 'issue')
        await this.#octokit.rest.reactions.createForIssue({ ...this.repo, issue_number: target.number, content });
      else await this.#octokit.rest.reactions.createForIssueComment({ ...this.repo, comment_id: target.id, content });
    });
  }

  async createPullRequest(request: NewPullRequest): Promise<CreatedPullRequest> {
    return this.#call(
      `open a pull request from ${request.head} into ${request.base}`,
      'pull-requests: write',
      async () => {
        const { data } = await this.#octokit.rest.pulls.create({
          ...this.repo,
          title: request.title,
          body: cut(request.body, MAX_BODY),
          head: request.head,
          base: request.base,
          draft: request.draft,
        });
        return { number: data.number, nodeId: data.node_id, htmlUrl: data.html_url };
      },
    );
  }

  async updatePullRequest(number: number, changes: { title?: string; body?: string }): Promise<void> {
    await this.#call(`update pull request #${number}`, 'pull-requests: write', async () => {
      await this.#octokit.rest.pulls.update({
        ...this.repo,
        pull_number: number,
        ...(changes.title === undefined ? {} : { title: changes.title }),
        ...(changes.body === undefined ? {} : { body: cut(changes.body, MAX_BODY) }),
      });
    });
  }

  async ensureLabels(labels: readonly LabelSpec[]): Promise<void> {
    await ensureRepoLabels(this.#octokit, this.repo, labels);
  }

  async addLabels(issueNumber: number, labels: readonly string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.#call(`label #${issueNumber}`, 'issues: write (pull-requests: write on pull requests)', async () => {
      await this.#octokit.rest.issues.addLabels({ ...this.repo, issue_number: issueNumber, labels: [...labels] });
    });
  }

  async removeLabel(issueNumber: number, label: string): Promise<void> {
    await this.#callOr(
      undefined,
      `remove the label '${label}' from #${issueNumber}`,
      'issues: write (pull-requests: write on pull requests)',
      async () => {
        await this.#octokit.rest.issues.removeLabel({ ...this.repo, issue_number: issueNumber, name: label });
      },
    );
  }

  async requestReviewers(
    prNumber: number,
    request: { reviewers: readonly string[]; teams: readonly string[] },
  ): Promise<void> {
    if (request.reviewers.length === 0 && request.teams.length === 0) return;
    await this.#call(`request reviewers on #${prNumber}`, 'pull-requests: write', async () => {
      await this.#octokit.rest.pulls.requestReviewers({
        ...this.repo,
        pull_number: prNumber,
        reviewers: [...request.reviewers],
        team_reviewers: [...request.teams],
      });
    });
  }

  async listReviews(prNumber: number): Promise<ReviewInfo[]> {
    return this.#call(`list the reviews of #${prNumber}`, 'pull-requests: read', async () =>
      (
        await this.#octokit.paginate(this.#octokit.rest.pulls.listReviews, {
          ...this.repo,
          pull_number: prNumber,
          per_page: 100,
        })
      ).map(mapReview),
    );
  }

  async listReviewComments(prNumber: number, reviewId: number): Promise<ReviewCommentInfo[]> {
    return this.#call(`list the comments of review ${reviewId} on #${prNumber}`, 'pull-requests: read', async () =>
      (
        await this.#octokit.paginate(this.#octokit.rest.pulls.listCommentsForReview, {
          ...this.repo,
          pull_number: prNumber,
          review_id: reviewId,
          per_page: 100,
        })
      )
        .map((c) =>
          mapReviewComment({ ...c, id: Number(c.id), pull_request_review_id: numberOrNull(c.pull_request_review_id) }),
        )
        .sort((a, b) => a.id - b.id),
    );
  }

  async replyToReviewComment(prNumber: number, commentId: number, body: string): Promise<CommentInfo> {
    return this.#call(`reply to review comment ${commentId} on #${prNumber}`, 'pull-requests: write', async () =>
      mapComment(
        (
          await this.#octokit.rest.pulls.createReplyForReviewComment({
            ...this.repo,
            pull_number: prNumber,
            comment_id: commentId,
            body: cut(body, MAX_BODY),
          })
        ).data,
      ),
    );
  }

  async enableAutoMerge(prNumber: number, method: MergeMethod): Promise<AutoMergeResult> {
    const pr = await this.getPullRequest(prNumber);
    const mutation = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
      enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) { clientMutationId }
    }`;
    try {
      await this.#octokit.graphql(mutation, { pullRequestId: pr.nodeId, mergeMethod: method.toUpperCase() });
      return { enabled: true };
    } catch (error) {
      // GraphQL-level refusals (auto-merge disabled in the repository settings, a PR
      // that is already mergeable, …) are outcomes; HTTP failures are errors.
      const errors = (error as { errors?: { message?: string }[] }).errors;
      if (Array.isArray(errors) && statusOf(error) === undefined) {
        return { enabled: false, reason: errors.map((e) => e.message ?? 'unknown').join('; ') };
      }
      throw toGithubError(error, `enable auto-merge on #${prNumber}`, 'pull-requests: write and contents: write');
    }
  }

  async createCheckRun(request: NewCheckRun): Promise<CheckRunInfo> {
    return this.#call(`create the check run '${request.name}'`, 'checks: write', async () => {
      const { data } = await this.#octokit.rest.checks.create({
        ...this.repo,
        name: request.name,
        head_sha: request.headSha,
        ...checkFields(request),
      });
      return mapCheckRun(data);
    });
  }

  async updateCheckRun(checkRunId: number, fields: CheckRunFields): Promise<CheckRunInfo> {
    return this.#call(`update check run ${checkRunId}`, 'checks: write', async () =>
      mapCheckRun(
        (await this.#octokit.rest.checks.update({ ...this.repo, check_run_id: checkRunId, ...checkFields(fields) }))
          .data,
      ),
    );
  }

  async listCheckRuns(ref: string, name: string): Promise<CheckRunInfo[]> {
    return this.#call(`list the '${name}' check runs of ${ref}`, 'checks: read', async () => {
      const runs = await this.#octokit.paginate(this.#octokit.rest.checks.listForRef, {
        ...this.repo,
        ref,
        check_name: name,
        filter: 'all',
        per_page: 100,
      });
      return runs.map(mapCheckRun).sort((a, b) => b.id - a.id);
    });
  }

  async getWorkflow(workflowFile: string): Promise<WorkflowInfo | null> {
    return this.#callOr(null, `read the workflow ${workflowFile}`, 'actions: read', async () => {
      const { data } = await this.#octokit.rest.actions.getWorkflow({
        ...this.repo,
        workflow_id: workflowId(workflowFile),
      });
      return { id: data.id, path: data.path, state: data.state };
    });
  }

  async dispatchWorkflow(workflowFile: string, ref: string, inputs: Readonly<Record<string, string>>): Promise<void> {
    await this.#call(`start the workflow ${workflowFile} on ${ref}`, 'actions: write', async () => {
      await this.#octokit.rest.actions.createWorkflowDispatch({
        ...this.repo,
        workflow_id: workflowId(workflowFile),
        ref,
        inputs: { ...inputs },
      });
    });
  }

  async getWorkflowRun(runId: number): Promise<WorkflowRunInfo> {
    return this.#call(`read workflow run ${runId}`, 'actions: read', async () =>
      mapWorkflowRun((await this.#octokit.rest.actions.getWorkflowRun({ ...this.repo, run_id: runId })).data),
    );
  }

  async listWorkflowRunJobs(runId: number): Promise<WorkflowJobInfo[]> {
    return this.#call(`list the jobs of workflow run ${runId}`, 'actions: read', async () =>
      (
        await this.#octokit.paginate(this.#octokit.rest.actions.listJobsForWorkflowRun, {
          ...this.repo,
          run_id: runId,
          filter: 'latest',
          per_page: 100,
        })
      ).map(mapWorkflowJob),
    );
  }

  async readJobLog(jobId: number, maxBytes: number): Promise<JobLog> {
    return this.#call(`read the log of job ${jobId}`, 'actions: read', async () => {
      // GitHub answers with a redirect to a short-lived URL that takes no token: follow it
      // by hand, so that the token is never sent there and the log is read as a stream.
      const answer = await this.#octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
        ...this.repo,
        job_id: jobId,
        request: { redirect: 'manual', parseSuccessResponseBody: false },
      });
      const body = answer.data as unknown as ReadableStream<Uint8Array> | null;
      const location = (answer.headers as Record<string, string | undefined>)['location'];
      if (answer.status >= 300 && answer.status < 400) {
        await body?.cancel();
        if (location === undefined)
          throw new GreenlightError('github', `job ${jobId}'s log: a redirect without a location`);
        const log = await fetch(location, { redirect: 'follow' });
        if (!log.ok || log.body === null) {
          throw new GreenlightError('github', `job ${jobId}'s log could not be downloaded (HTTP ${log.status})`);
        }
        return readLogTail(log.body, maxBytes);
      }
      return body === null ? { text: '', truncated: false } : readLogTail(body, maxBytes);
    });
  }
}

const numberOrNull = (value: number | bigint | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

function checkFields(fields: CheckRunFields) {
  return {
    status: fields.status,
    ...(fields.status === 'completed' && fields.conclusion !== undefined ? { conclusion: fields.conclusion } : {}),
    output: { title: cut(fields.title, 1_000), summary: cut(fields.summary, MAX_CHECK_TEXT) },
    ...(fields.detailsUrl === undefined ? {} : { details_url: fields.detailsUrl }),
    ...(fields.externalId === undefined ? {} : { external_id: fields.externalId }),
  };
}
