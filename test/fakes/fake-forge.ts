// An in-memory Forge for the Action's and the App's tests: seed it with issues, pull
// requests, permissions, files and reviews; run the code under test; then assert on
// what it recorded (comments, reactions, labels, check runs, dispatches, calls).
// It follows GitHub where tests depend on it: issues and pull requests share one
// number space, labels are case-insensitive, adding a label creates it, a missing
// issue or pull request is a GreenlightError('github'), and a 404-shaped answer that
// callers expect (no file, no workflow, not a collaborator) is a value.
import { GreenlightError } from '../../src/ports/errors.ts';
import type {
  Actor,
  AutoMergeResult,
  CheckRunFields,
  CheckRunInfo,
  CollaboratorPermission,
  CommentInfo,
  CommitInfo,
  IssueCommentInfo,
  CreatedPullRequest,
  FileContent,
  Forge,
  IssueInfo,
  JobLog,
  LabelSpec,
  MergeMethod,
  NewCheckRun,
  NewPullRequest,
  PermissionLevel,
  PullRequestFile,
  PullRequestInfo,
  ReactionContent,
  ReactionTarget,
  RepoRef,
  ReviewCommentInfo,
  ReviewInfo,
  ReviewState,
  WorkflowInfo,
  WorkflowJobInfo,
  WorkflowRunInfo,
} from '../../src/ports/forge.ts';

export interface FakeComment extends CommentInfo {
  issueNumber: number;
}

export interface FakeCheckRun extends CheckRunInfo {
  fields: CheckRunFields;
  /** Every state it went through, oldest first. */
  history: CheckRunFields[];
}

export type ForgeMethod = Exclude<keyof Forge, 'repo'>;

/** A reply greenlight posted in a review thread. */
export interface FakeReviewReply {
  pr: number;
  inReplyTo: number;
  body: string;
}

const ROLE_BASE: Record<string, PermissionLevel> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

/** A deterministic fake commit SHA. */
export function fakeSha(seed: string | number): string {
  let out = '';
  let h = 2166136261;
  for (let i = 0; out.length < 40; i++) {
    h = Math.imul(h ^ String(seed).charCodeAt(i % String(seed).length), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export class FakeForge implements Forge {
  readonly repo: RepoRef;
  /** The login comments, check runs and pull requests are written as. */
  botLogin = 'greenlight[bot]';
  defaultBranch = 'main';
  /** When false, enableAutoMerge answers as a repository with auto-merge disabled. */
  autoMergeAllowed = true;

  readonly permissions = new Map<string, CollaboratorPermission>();
  /** Files on the default branch. */
  readonly files = new Map<string, string>();
  readonly issues = new Map<number, IssueInfo>();
  readonly pullRequests = new Map<number, PullRequestInfo>();
  readonly pullRequestFiles = new Map<number, PullRequestFile[]>();
  /** Commits of pull requests (base..head), oldest first; none unless seeded. */
  readonly pullRequestCommits = new Map<number, CommitInfo[]>();
  readonly reviews = new Map<number, ReviewInfo[]>();
  readonly comments: FakeComment[] = [];
  readonly reactions: { target: ReactionTarget; content: ReactionContent }[] = [];
  readonly labels = new Map<string, LabelSpec>();
  readonly reviewRequests: { pr: number; reviewers: string[]; teams: string[] }[] = [];
  readonly autoMerge = new Map<number, MergeMethod>();
  readonly checkRuns: FakeCheckRun[] = [];
  readonly workflows = new Map<string, WorkflowInfo>();
  readonly dispatches: { workflowFile: string; ref: string; inputs: Record<string, string> }[] = [];
  /** Review comments by pull request, oldest first. */
  readonly reviewComments = new Map<number, ReviewCommentInfo[]>();
  readonly reviewReplies: FakeReviewReply[] = [];
  readonly workflowRuns = new Map<number, WorkflowRunInfo>();
  readonly workflowJobs = new Map<number, WorkflowJobInfo[]>();
  /** Job logs by job id. */
  readonly jobLogs = new Map<number, string>();
  /** Every port call, in order, with its arguments. */
  readonly calls: { method: ForgeMethod; args: unknown[] }[] = [];

  #nextNumber = 1;
  #nextId = 1000;
  #clock = Date.parse('2025-01-01T00:00:00Z');
  readonly #failures = new Map<ForgeMethod, Error[]>();

  constructor(repo: RepoRef = { owner: 'acme', repo: 'shop' }) {
    this.repo = repo;
  }

  // ---- seeding -----------------------------------------------------------------

  /** Gives `login` a role: a standard one (`admin` … `none`) or a custom one with its base. */
  setPermission(login: string, roleName: string, base?: PermissionLevel): this {
    const permission = base ?? ROLE_BASE[roleName] ?? 'none';
    this.permissions.set(login.toLowerCase(), { permission, roleName });
    return this;
  }

  setFile(path: string, content: string): this {
    this.files.set(path, content);
    return this;
  }

  addWorkflow(file = 'greenlight.yml', state = 'active'): this {
    const path = file.startsWith('.github/workflows/') ? file : `.github/workflows/${file}`;
    this.workflows.set(path, { id: this.#nextId++, path, state });
    return this;
  }

  addIssue(init: Partial<Omit<IssueInfo, 'number' | 'isPullRequest'>> & { number?: number } = {}): IssueInfo {
    const number = this.#number(init.number);
    const issue: IssueInfo = {
      title: `Issue ${number}`,
      body: '',
      state: 'open',
      author: { login: 'alice', isBot: false },
      labels: [],
      htmlUrl: this.#url(`issues/${number}`),
      ...init,
      number,
      isPullRequest: false,
    };
    this.issues.set(number, issue);
    return issue;
  }

  addPullRequest(
    init: Partial<Omit<PullRequestInfo, 'number'>> & { number?: number; files?: PullRequestFile[] } = {},
  ): PullRequestInfo {
    const { files, ...rest } = init;
    const number = this.#number(init.number);
    const headRepoFullName =
      rest.headRepoFullName === undefined ? `${this.repo.owner}/${this.repo.repo}` : rest.headRepoFullName;
    const pr: PullRequestInfo = {
      nodeId: `PR_${number}`,
      title: `Pull request ${number}`,
      body: '',
      state: 'open',
      merged: false,
      draft: false,
      author: { login: 'alice', isBot: false },
      headSha: fakeSha(`head-${number}`),
      headRef: `feature-${number}`,
      baseRef: this.defaultBranch,
      baseSha: fakeSha(`base-${number}`),
      labels: [],
      htmlUrl: this.#url(`pull/${number}`),
      ...rest,
      number,
      headRepoFullName,
      isFork:
        rest.isFork ??
        (headRepoFullName === null ||
          headRepoFullName.toLowerCase() !== `${this.repo.owner}/${this.repo.repo}`.toLowerCase()),
    };
    this.pullRequests.set(number, pr);
    if (files !== undefined) this.pullRequestFiles.set(number, files);
    return pr;
  }

  /** A new push to a pull request: its head moves. */
  pushTo(prNumber: number, sha = fakeSha(`push-${this.#nextId++}`)): string {
    const pr = this.#pr(prNumber);
    this.pullRequests.set(prNumber, { ...pr, headSha: sha });
    return sha;
  }

  /**
   * A commit on pull request `prNumber` by `login` (null: an identity GitHub could not
   * link), as author and committer unless `committer` says otherwise; moves the head to it.
   */
  addCommit(
    prNumber: number,
    login: string | null,
    options: { committer?: string | null; name?: string; email?: string; sha?: string; message?: string } = {},
  ): CommitInfo {
    const actor = (who: string | null): Actor | null =>
      who === null ? null : { login: who, isBot: who.endsWith('[bot]') };
    const committer = options.committer === undefined ? login : options.committer;
    const name = options.name ?? login ?? 'someone';
    const email = options.email ?? `${name}@example.com`;
    const commit: CommitInfo = {
      sha: this.pushTo(prNumber, options.sha),
      author: actor(login),
      committer: actor(committer),
      authorName: name,
      authorEmail: email,
      committerName: committer ?? name,
      committerEmail: committer === login ? email : `${committer ?? name}@example.com`,
      message: options.message ?? `commit by ${name}\n`,
    };
    this.pullRequestCommits.set(prNumber, [...(this.pullRequestCommits.get(prNumber) ?? []), commit]);
    return commit;
  }

  /** A submitted review; `commitId` defaults to the pull request's current head. */
  addReview(
    prNumber: number,
    login: string,
    state: ReviewState,
    options: { commitId?: string; isBot?: boolean } = {},
  ): ReviewInfo {
    const review: ReviewInfo = {
      id: this.#nextId++,
      user: { login, isBot: options.isBot ?? login.endsWith('[bot]') },
      state,
      commitId: options.commitId ?? this.#pr(prNumber).headSha,
      submittedAt: this.#now(),
    };
    this.reviews.set(prNumber, [...(this.reviews.get(prNumber) ?? []), review]);
    const pr = this.#pr(prNumber);
    if (pr.requestedReviewers !== undefined) {
      const requestedReviewers = pr.requestedReviewers.filter((r) => r.toLowerCase() !== login.toLowerCase());
      this.pullRequests.set(prNumber, { ...pr, requestedReviewers });
    }
    return review;
  }

  /** A comment of review `reviewId` on pull request `prNumber`, on `line` of `path` by default. */
  addReviewComment(
    prNumber: number,
    reviewId: number,
    init: Partial<Omit<ReviewCommentInfo, 'reviewId'>> & { body: string },
  ): ReviewCommentInfo {
    const id = init.id ?? this.#nextId++;
    const comment: ReviewCommentInfo = {
      inReplyTo: null,
      path: 'src/a.ts',
      line: 3,
      startLine: null,
      side: 'RIGHT',
      commitId: this.#pr(prNumber).headSha,
      diffHunk: '@@ -1,3 +1,3 @@\n a\n-b\n+c',
      author: { login: 'bob', isBot: false },
      htmlUrl: this.#url(`pull/${prNumber}#discussion_r${id}`),
      ...init,
      id,
      reviewId,
    };
    this.reviewComments.set(prNumber, [...(this.reviewComments.get(prNumber) ?? []), comment]);
    return comment;
  }

  /** A completed workflow run with its jobs and their logs. */
  addWorkflowRun(
    init: Partial<WorkflowRunInfo> & { id: number; headSha: string },
    jobs: { job: Partial<WorkflowJobInfo> & { id: number; name: string }; log?: string }[] = [],
  ): WorkflowRunInfo {
    const run: WorkflowRunInfo = {
      name: 'CI',
      path: '.github/workflows/ci.yml',
      headRepoFullName: `${this.repo.owner}/${this.repo.repo}`,
      status: 'completed',
      conclusion: 'failure',
      htmlUrl: this.#url(`actions/runs/${init.id}`),
      pullRequests: [],
      ...init,
    };
    this.workflowRuns.set(run.id, run);
    this.workflowJobs.set(
      run.id,
      jobs.map(({ job }) => ({
        conclusion: 'failure',
        htmlUrl: this.#url(`actions/runs/${run.id}/job/${job.id}`),
        steps: [],
        ...job,
      })),
    );
    for (const { job, log } of jobs) if (log !== undefined) this.jobLogs.set(job.id, log);
    return run;
  }

  /** The next call of `method` throws `error` (queue several to fail several calls). */
  failNext(
    method: ForgeMethod,
    error: Error = new GreenlightError('github', `FakeForge: ${method} failed (HTTP 500)`),
  ): this {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), error]);
    return this;
  }

  // ---- queries for assertions ---------------------------------------------------

  commentsOn(issueNumber: number): FakeComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber);
  }

  /** Check runs named `name` (default: all) on `sha`, oldest first. */
  checkRunsOn(sha: string, name?: string): FakeCheckRun[] {
    return this.checkRuns.filter((r) => r.headSha === sha && (name === undefined || r.name === name));
  }

  callsOf(method: ForgeMethod): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  // ---- the port -------------------------------------------------------------------

  async getPermission(login: string): Promise<CollaboratorPermission> {
    this.#record('getPermission', login);
    return this.permissions.get(login.toLowerCase()) ?? { permission: 'none', roleName: 'none' };
  }

  async getDefaultBranch(): Promise<string> {
    this.#record('getDefaultBranch');
    return this.defaultBranch;
  }

  async getFileOnDefaultBranch(path: string): Promise<FileContent | null> {
    this.#record('getFileOnDefaultBranch', path);
    const content = this.files.get(path);
    return content === undefined ? null : { path, content, sha: fakeSha(content), ref: this.defaultBranch };
  }

  async getIssue(number: number): Promise<IssueInfo> {
    this.#record('getIssue', number);
    const issue = this.issues.get(number);
    if (issue !== undefined) return { ...issue, labels: [...issue.labels] };
    const pr = this.#pr(number);
    return {
      number,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      author: pr.author,
      labels: [...pr.labels],
      isPullRequest: true,
      htmlUrl: pr.htmlUrl,
    };
  }

  async getPullRequest(number: number): Promise<PullRequestInfo> {
    this.#record('getPullRequest', number);
    const pr = this.#pr(number);
    return { ...pr, labels: [...pr.labels] };
  }

  async findPullRequestForBranch(branch: string): Promise<PullRequestInfo | null> {
    this.#record('findPullRequestForBranch', branch);
    return (
      [...this.pullRequests.values()].find((pr) => pr.state === 'open' && pr.headRef === branch && !pr.isFork) ?? null
    );
  }

  async listPullRequestFiles(number: number): Promise<PullRequestFile[]> {
    this.#record('listPullRequestFiles', number);
    this.#pr(number);
    return [...(this.pullRequestFiles.get(number) ?? [])];
  }

  async listPullRequestCommits(number: number): Promise<CommitInfo[]> {
    this.#record('listPullRequestCommits', number);
    this.#pr(number);
    return [...(this.pullRequestCommits.get(number) ?? [])];
  }

  async listIssueComments(number: number): Promise<CommentInfo[]> {
    this.#record('listIssueComments', number);
    this.#target(number);
    return this.commentsOn(number).map(({ issueNumber: _, ...comment }) => comment);
  }

  async getIssueComment(commentId: number): Promise<IssueCommentInfo | null> {
    this.#record('getIssueComment', commentId);
    const comment = this.comments.find((c) => c.id === commentId);
    return comment === undefined ? null : { ...comment };
  }

  async createComment(issueNumber: number, body: string): Promise<CommentInfo> {
    this.#record('createComment', issueNumber, body);
    this.#target(issueNumber);
    const id = this.#nextId++;
    const at = this.#now();
    const comment: FakeComment = {
      id,
      issueNumber,
      body,
      author: this.#bot(),
      createdAt: at,
      updatedAt: at,
      htmlUrl: this.#url(`issues/${issueNumber}#issuecomment-${id}`),
    };
    this.comments.push(comment);
    const { issueNumber: _, ...info } = comment;
    return info;
  }

  async updateComment(commentId: number, body: string): Promise<CommentInfo> {
    this.#record('updateComment', commentId, body);
    const comment = this.comments.find((c) => c.id === commentId);
    if (comment === undefined) throw this.#notFound(`comment ${commentId}`);
    comment.body = body;
    comment.updatedAt = this.#now();
    const { issueNumber: _, ...info } = comment;
    return { ...info };
  }

  async addReaction(target: ReactionTarget, content: ReactionContent): Promise<void> {
    this.#record('addReaction', target, content);
    if (target.kind === 'issue') this.#target(target.number);
    else if (!this.comments.some((c) => c.id === target.id)) throw this.#notFound(`comment ${target.id}`);
    this.reactions.push({ target, content });
  }

  async createPullRequest(request: NewPullRequest): Promise<CreatedPullRequest> {
    this.#record('createPullRequest', request);
    if ([...this.pullRequests.values()].some((pr) => pr.state === 'open' && pr.headRef === request.head)) {
      throw new GreenlightError(
        'github',
        `FakeForge: a pull request already exists for ${this.repo.owner}:${request.head} (HTTP 422)`,
      );
    }
    const pr = this.addPullRequest({
      title: request.title,
      body: request.body,
      headRef: request.head,
      baseRef: request.base,
      draft: request.draft,
      author: this.#bot(),
    });
    return { number: pr.number, nodeId: pr.nodeId, htmlUrl: pr.htmlUrl };
  }

  async updatePullRequest(number: number, changes: { title?: string; body?: string }): Promise<void> {
    this.#record('updatePullRequest', number, changes);
    const pr = this.#pr(number);
    this.pullRequests.set(number, {
      ...pr,
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.body === undefined ? {} : { body: changes.body }),
    });
  }

  async ensureLabels(labels: readonly LabelSpec[]): Promise<void> {
    this.#record('ensureLabels', labels);
    for (const label of labels)
      if (!this.labels.has(label.name.toLowerCase())) this.labels.set(label.name.toLowerCase(), { ...label });
  }

  async addLabels(issueNumber: number, labels: readonly string[]): Promise<void> {
    this.#record('addLabels', issueNumber, labels);
    const current = this.#labelsOf(issueNumber);
    for (const name of labels) {
      if (!this.labels.has(name.toLowerCase()))
        this.labels.set(name.toLowerCase(), { name, color: 'ededed', description: '' });
      if (!current.some((l) => l.toLowerCase() === name.toLowerCase())) current.push(name);
    }
  }

  async removeLabel(issueNumber: number, label: string): Promise<void> {
    this.#record('removeLabel', issueNumber, label);
    const current = this.#labelsOf(issueNumber);
    const index = current.findIndex((l) => l.toLowerCase() === label.toLowerCase());
    if (index >= 0) current.splice(index, 1);
  }

  async requestReviewers(
    prNumber: number,
    request: { reviewers: readonly string[]; teams: readonly string[] },
  ): Promise<void> {
    this.#record('requestReviewers', prNumber, request);
    const pr = this.#pr(prNumber);
    if (request.reviewers.some((r) => r.toLowerCase() === pr.author.login.toLowerCase())) {
      throw new GreenlightError('github', 'FakeForge: review cannot be requested from pull request author (HTTP 422)');
    }
    this.reviewRequests.push({ pr: prNumber, reviewers: [...request.reviewers], teams: [...request.teams] });
    // Like GitHub, the pull request lists who was asked until they review.
    const union = (had: readonly string[] | undefined, more: readonly string[]) => [
      ...new Set([...(had ?? []), ...more]),
    ];
    this.pullRequests.set(prNumber, {
      ...pr,
      requestedReviewers: union(pr.requestedReviewers, request.reviewers),
      requestedTeams: union(pr.requestedTeams, request.teams),
    });
  }

  async listReviews(prNumber: number): Promise<ReviewInfo[]> {
    this.#record('listReviews', prNumber);
    this.#pr(prNumber);
    return [...(this.reviews.get(prNumber) ?? [])];
  }

  async enableAutoMerge(prNumber: number, method: MergeMethod): Promise<AutoMergeResult> {
    this.#record('enableAutoMerge', prNumber, method);
    this.#pr(prNumber);
    if (!this.autoMergeAllowed)
      return { enabled: false, reason: 'Pull request Auto merge is not allowed for this repository' };
    this.autoMerge.set(prNumber, method);
    return { enabled: true };
  }

  async createCheckRun(request: NewCheckRun): Promise<CheckRunInfo> {
    this.#record('createCheckRun', request);
    const { name, headSha, ...fields } = request;
    const run: FakeCheckRun = { ...this.#checkInfo(this.#nextId++, name, headSha, fields), fields, history: [fields] };
    this.checkRuns.push(run);
    return this.#publicRun(run);
  }

  async updateCheckRun(checkRunId: number, fields: CheckRunFields): Promise<CheckRunInfo> {
    this.#record('updateCheckRun', checkRunId, fields);
    const index = this.checkRuns.findIndex((r) => r.id === checkRunId);
    const run = this.checkRuns[index];
    if (run === undefined) throw this.#notFound(`check run ${checkRunId}`);
    const externalId = fields.externalId ?? run.externalId ?? undefined;
    const merged: CheckRunFields = { ...fields, ...(externalId === undefined ? {} : { externalId }) };
    const updated: FakeCheckRun = {
      ...this.#checkInfo(run.id, run.name, run.headSha, merged),
      fields: merged,
      history: [...run.history, merged],
    };
    this.checkRuns[index] = updated;
    return this.#publicRun(updated);
  }

  async listCheckRuns(ref: string, name: string): Promise<CheckRunInfo[]> {
    this.#record('listCheckRuns', ref, name);
    return this.checkRunsOn(ref, name)
      .map((r) => this.#publicRun(r))
      .sort((a, b) => b.id - a.id);
  }

  async getWorkflow(workflowFile: string): Promise<WorkflowInfo | null> {
    this.#record('getWorkflow', workflowFile);
    return this.#workflow(workflowFile);
  }

  async dispatchWorkflow(workflowFile: string, ref: string, inputs: Readonly<Record<string, string>>): Promise<void> {
    this.#record('dispatchWorkflow', workflowFile, ref, inputs);
    if (this.#workflow(workflowFile) === null) throw this.#notFound(`workflow ${workflowFile}`);
    this.dispatches.push({ workflowFile, ref, inputs: { ...inputs } });
  }

  async listReviewComments(prNumber: number, reviewId: number): Promise<ReviewCommentInfo[]> {
    this.#record('listReviewComments', prNumber, reviewId);
    this.#pr(prNumber);
    return (this.reviewComments.get(prNumber) ?? []).filter((c) => c.reviewId === reviewId).map((c) => ({ ...c }));
  }

  async replyToReviewComment(prNumber: number, commentId: number, body: string): Promise<CommentInfo> {
    this.#record('replyToReviewComment', prNumber, commentId, body);
    const thread = (this.reviewComments.get(prNumber) ?? []).find((c) => c.id === commentId);
    if (thread === undefined) throw this.#notFound(`review comment ${commentId}`);
    this.reviewReplies.push({ pr: prNumber, inReplyTo: commentId, body });
    const at = this.#now();
    return { id: this.#nextId++, body, author: this.#bot(), createdAt: at, updatedAt: at, htmlUrl: thread.htmlUrl };
  }

  async getWorkflowRun(runId: number): Promise<WorkflowRunInfo> {
    this.#record('getWorkflowRun', runId);
    const run = this.workflowRuns.get(runId);
    if (run === undefined) throw this.#notFound(`workflow run ${runId}`);
    return { ...run, pullRequests: [...run.pullRequests] };
  }

  async listWorkflowRunJobs(runId: number): Promise<WorkflowJobInfo[]> {
    this.#record('listWorkflowRunJobs', runId);
    const jobs = this.workflowJobs.get(runId);
    if (jobs === undefined) throw this.#notFound(`workflow run ${runId}`);
    return jobs.map((job) => ({ ...job, steps: job.steps.map((s) => ({ ...s })) }));
  }

  async readJobLog(jobId: number, maxBytes: number): Promise<JobLog> {
    this.#record('readJobLog', jobId, maxBytes);
    const log = this.jobLogs.get(jobId);
    if (log === undefined) throw this.#notFound(`the log of job ${jobId}`);
    return log.length <= maxBytes ? { text: log, truncated: false } : { text: log.slice(-maxBytes), truncated: true };
  }

  // ---- internals ------------------------------------------------------------------

  #record(method: ForgeMethod, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const queued = this.#failures.get(method);
    const error = queued?.shift();
    if (error !== undefined) throw error;
  }

  #workflow(file: string): WorkflowInfo | null {
    return this.workflows.get(file.startsWith('.github/workflows/') ? file : `.github/workflows/${file}`) ?? null;
  }

  #number(wanted: number | undefined): number {
    const number = wanted ?? this.#nextNumber;
    if (this.issues.has(number) || this.pullRequests.has(number))
      throw new Error(`FakeForge: #${number} already exists`);
    this.#nextNumber = Math.max(this.#nextNumber, number + 1);
    return number;
  }

  #pr(number: number): PullRequestInfo {
    const pr = this.pullRequests.get(number);
    if (pr === undefined) throw this.#notFound(`pull request #${number}`);
    return pr;
  }

  #target(number: number): void {
    if (!this.issues.has(number) && !this.pullRequests.has(number)) throw this.#notFound(`issue #${number}`);
  }

  #labelsOf(number: number): string[] {
    this.#target(number);
    return (this.issues.get(number) ?? this.#pr(number)).labels;
  }

  #checkInfo(id: number, name: string, headSha: string, fields: CheckRunFields): CheckRunInfo {
    return {
      id,
      name,
      headSha,
      status: fields.status,
      conclusion: fields.status === 'completed' ? (fields.conclusion ?? null) : null,
      externalId: fields.externalId ?? null,
      appId: 1,
    };
  }

  #publicRun(run: FakeCheckRun): CheckRunInfo {
    const { fields: _f, history: _h, ...info } = run;
    return info;
  }

  #notFound(what: string): GreenlightError {
    return new GreenlightError('github', `FakeForge: ${what} does not exist (HTTP 404)`);
  }

  #bot(): Actor {
    return { login: this.botLogin, isBot: true };
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #url(path: string): string {
    return `https://github.com/${this.repo.owner}/${this.repo.repo}/${path}`;
  }
}
