/**
 * The Forge for `dry_run: true` ("everything except pushing and writing to GitHub"):
 * reads go to GitHub, writes are logged and answered with plausible values so the run
 * goes on exactly as it would, without a comment, label, check or pull request.
 */
import type {
  CheckRunInfo,
  CommentInfo,
  CreatedPullRequest,
  Forge,
  NewCheckRun,
  NewPullRequest,
} from '../ports/forge.ts';

type Writes =
  | 'createComment'
  | 'updateComment'
  | 'addReaction'
  | 'createPullRequest'
  | 'updatePullRequest'
  | 'ensureLabels'
  | 'addLabels'
  | 'removeLabel'
  | 'requestReviewers'
  | 'enableAutoMerge'
  | 'createCheckRun'
  | 'updateCheckRun'
  | 'dispatchWorkflow'
  | 'replyToReviewComment';

/** Wraps `forge` so that every write only calls `log`. */
export function dryRunForge(forge: Forge, log: (line: string) => void): Forge {
  let nextId = 1;
  const now = () => new Date().toISOString();
  const skipped = (method: Writes, what: string) => log(`greenlight (dry run): would ${what} [${method}]`);
  const comment = (id: number, body: string): CommentInfo => ({
    id,
    body,
    author: { login: 'greenlight (dry run)', isBot: true },
    createdAt: now(),
    updatedAt: now(),
    htmlUrl: `(dry run: comment ${id})`,
  });
  const check = (
    id: number,
    request: Pick<NewCheckRun, 'name' | 'headSha' | 'status' | 'conclusion' | 'externalId'>,
  ): CheckRunInfo => ({
    id,
    name: request.name,
    headSha: request.headSha,
    status: request.status,
    conclusion: request.status === 'completed' ? (request.conclusion ?? null) : null,
    externalId: request.externalId ?? null,
    appId: null,
  });
  return {
    repo: forge.repo,
    getPermission: (login) => forge.getPermission(login),
    getDefaultBranch: () => forge.getDefaultBranch(),
    getFileOnDefaultBranch: (path) => forge.getFileOnDefaultBranch(path),
    getIssue: (n) => forge.getIssue(n),
    getPullRequest: (n) => forge.getPullRequest(n),
    findPullRequestForBranch: (branch) => forge.findPullRequestForBranch(branch),
    listPullRequestFiles: (n) => forge.listPullRequestFiles(n),
    listPullRequestCommits: (n) => forge.listPullRequestCommits(n),
    listIssueComments: (n) => forge.listIssueComments(n),
    getIssueComment: (id) => forge.getIssueComment(id),
    listReviews: (n) => forge.listReviews(n),
    listCheckRuns: (ref, name) => forge.listCheckRuns(ref, name),
    getWorkflow: (file) => forge.getWorkflow(file),
    listReviewComments: (n, review) => forge.listReviewComments(n, review),
    getWorkflowRun: (id) => forge.getWorkflowRun(id),
    listWorkflowRunJobs: (id) => forge.listWorkflowRunJobs(id),
    readJobLog: (id, maxBytes) => forge.readJobLog(id, maxBytes),
    async createComment(issue, body) {
      skipped('createComment', `comment on #${issue} (${body.length} characters)`);
      return comment(nextId++, body);
    },
    async updateComment(id, body) {
      skipped('updateComment', `edit comment ${id}`);
      return comment(id, body);
    },
    async addReaction(target, content) {
      skipped(
        'addReaction',
        `react ${content} to ${target.kind === 'issue' ? `#${target.number}` : `comment ${target.id}`}`,
      );
    },
    async createPullRequest(request: NewPullRequest): Promise<CreatedPullRequest> {
      skipped('createPullRequest', `open a pull request from ${request.head} to ${request.base}`);
      return { number: 0, nodeId: '', htmlUrl: '(dry run: no pull request)' };
    },
    async updatePullRequest(n) {
      skipped('updatePullRequest', `update pull request #${n}`);
    },
    async ensureLabels(labels) {
      skipped('ensureLabels', `create missing labels (${labels.map((l) => l.name).join(', ')})`);
    },
    async addLabels(n, labels) {
      skipped('addLabels', `label #${n} ${labels.join(', ')}`);
    },
    async removeLabel(n, label) {
      skipped('removeLabel', `remove ${label} from #${n}`);
    },
    async requestReviewers(n, request) {
      skipped(
        'requestReviewers',
        `request reviews on #${n} from ${[...request.reviewers, ...request.teams].join(', ')}`,
      );
    },
    async enableAutoMerge(n) {
      skipped('enableAutoMerge', `enable auto-merge on #${n}`);
      return { enabled: false, reason: 'dry run' };
    },
    async createCheckRun(request) {
      skipped('createCheckRun', `create check ${request.name} on ${request.headSha.slice(0, 7)}: ${request.title}`);
      return check(nextId++, request);
    },
    async updateCheckRun(id, fields) {
      skipped('updateCheckRun', `update check run ${id}: ${fields.title}`);
      return check(id, { name: '', headSha: '', ...fields });
    },
    async dispatchWorkflow(file, ref) {
      skipped('dispatchWorkflow', `dispatch ${file} on ${ref}`);
    },
    async replyToReviewComment(n, id, body) {
      skipped('replyToReviewComment', `reply to review comment ${id} on #${n} (${body.length} characters)`);
      return comment(nextId++, body);
    },
  };
}
