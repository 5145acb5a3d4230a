/**
 * A small GitHub REST API on 127.0.0.1 for end-to-end runs of the bundled Action (a
 * child process, so nock cannot stand in). It keeps issues, pull requests, comments,
 * labels, reviews and check runs in memory, and takes git facts (file contents on the
 * default branch, pull-request heads, changed files) from the bare repository that is
 * the workspace's `origin`, so that what the Action pushes is what GitHub shows.
 * Every request is recorded; a request it does not know is answered 404 and listed in
 * `unhandled`, which tests expect to be empty. Job logs are served as GitHub serves
 * them: the API redirects to a signed URL (here `/_logs/…` on the same server).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}
export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  html_url: string;
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  user: FakeUser;
  labels: string[];
}
export interface FakePull {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  user: FakeUser;
  labels: string[];
  draft: boolean;
  headRef: string;
  baseRef: string;
  headRepo: string;
}
export interface FakeReview {
  id: number;
  user: FakeUser;
  state: string;
  commit_id: string;
  submitted_at: string;
}
export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  output: { title: string; summary: string };
  details_url: string | null;
}
export interface FakeJob {
  id: number;
  name: string;
  conclusion: string;
  steps: { number: number; name: string; conclusion: string }[];
  /** The job's log, served behind a redirect as GitHub does. */
  log: string;
}
export interface FakeRun {
  id: number;
  name: string;
  path: string;
  head_sha: string;
  conclusion: string;
  pull_requests: number[];
  jobs: FakeJob[];
}
export interface FakeReviewComment {
  id: number;
  pr: number;
  pull_request_review_id: number;
  path: string;
  line: number | null;
  start_line: number | null;
  diff_hunk: string;
  body: string;
  user: FakeUser;
  in_reply_to_id?: number;
}
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

const BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export class FakeGitHub {
  readonly owner = 'acme';
  readonly repo = 'shop';
  readonly origin: string;
  defaultBranch = 'main';
  readonly permissions = new Map<string, string>();
  readonly issues = new Map<number, FakeIssue>();
  readonly pulls = new Map<number, FakePull>();
  readonly comments: FakeComment[] = [];
  readonly reactions: { target: string; content: string }[] = [];
  readonly labels = new Set<string>(['bug']);
  readonly reviews = new Map<number, FakeReview[]>();
  readonly reviewRequests: { pr: number; reviewers: string[]; teams: string[] }[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly runs = new Map<number, FakeRun>();
  readonly reviewComments: FakeReviewComment[] = [];
  /** Replies greenlight posted in review threads. */
  readonly replies: { pr: number; inReplyTo: number; body: string }[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly unhandled: string[] = [];
  #server: Server | null = null;
  #next = 100;
  #url = '';

  constructor(origin: string) {
    this.origin = origin;
  }

  get url(): string {
    return this.#url;
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.#url = `http://127.0.0.1:${address.port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server === null ? resolve() : this.#server.close(() => resolve())));
  }

  addIssue(
    number: number,
    title: string,
    body = '',
    user: FakeUser = { login: 'alice', id: 1001, type: 'User' },
  ): FakeIssue {
    const issue: FakeIssue = { number, title, body, state: 'open', user, labels: [] };
    this.issues.set(number, issue);
    return issue;
  }

  addPull(init: Partial<FakePull> & { number: number; headRef: string }): FakePull {
    const pr: FakePull = {
      title: `Pull request ${init.number}`,
      body: '',
      state: 'open',
      user: { login: 'alice', id: 1001, type: 'User' },
      labels: [],
      draft: false,
      baseRef: this.defaultBranch,
      headRepo: `${this.owner}/${this.repo}`,
      ...init,
    };
    this.pulls.set(pr.number, pr);
    return pr;
  }

  addReview(pr: number, login: string, state: string, commitId = this.headOf(pr)): void {
    const list = this.reviews.get(pr) ?? [];
    list.push({
      id: this.#next++,
      user: { login, id: this.#next++, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      state,
      commit_id: commitId,
      submitted_at: new Date(Date.now() + list.length * 1000).toISOString(),
    });
    this.reviews.set(pr, list);
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  /** The commit a branch of origin points at, or null. */
  branchSha(branch: string): string | null {
    try {
      return this.#git('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).trim() || null;
    } catch {
      return null;
    }
  }

  headOf(pr: number): string {
    const p = this.pulls.get(pr);
    return (p === undefined ? null : this.branchSha(p.headRef)) ?? '0'.repeat(40);
  }

  #git(...args: string[]): string {
    return execFileSync('git', ['-C', this.origin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  }

  #htmlUrl(path: string): string {
    return `https://github.com/${this.owner}/${this.repo}/${path}`;
  }

  #issueJson(number: number): Record<string, unknown> | null {
    const issue = this.issues.get(number);
    if (issue !== undefined) {
      return {
        number,
        title: issue.title,
        body: issue.body,
        state: issue.state,
        user: issue.user,
        labels: issue.labels.map((name) => ({ name })),
        html_url: this.#htmlUrl(`issues/${number}`),
      };
    }
    const pr = this.pulls.get(number);
    if (pr === undefined) return null;
    return {
      number,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      user: pr.user,
      labels: pr.labels.map((name) => ({ name })),
      html_url: this.#htmlUrl(`pull/${number}`),
      pull_request: { url: `${this.#url}/repos/${this.owner}/${this.repo}/pulls/${number}` },
    };
  }

  #pullJson(pr: FakePull): Record<string, unknown> {
    return {
      number: pr.number,
      node_id: `PR_${pr.number}`,
      title: pr.title,
      body: pr.body,
      state: pr.state,
      merged: false,
      draft: pr.draft,
      user: pr.user,
      labels: pr.labels.map((name) => ({ name })),
      html_url: this.#htmlUrl(`pull/${pr.number}`),
      head: { sha: this.headOf(pr.number), ref: pr.headRef, repo: { full_name: pr.headRepo } },
      base: { sha: this.branchSha(pr.baseRef) ?? '0'.repeat(40), ref: pr.baseRef },
    };
  }

  #labelsOf(number: number): string[] | null {
    return this.issues.get(number)?.labels ?? this.pulls.get(number)?.labels ?? null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search, body, authorization: req.headers.authorization });
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const prefix = `/repos/${this.owner}/${this.repo}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null;
    const route = (m: string, pattern: RegExp) => (method === m && path !== null ? pattern.exec(path) : null);
    const now = new Date().toISOString();
    let m: RegExpExecArray | null;

    if ((m = route('GET', /^$/)))
      return send(200, { full_name: `${this.owner}/${this.repo}`, default_branch: this.defaultBranch });
    if ((m = route('GET', /^\/contents\/(.+)$/))) {
      const file = decodeURIComponent(m[1] ?? '');
      const ref = url.searchParams.get('ref') ?? this.defaultBranch;
      try {
        const content = execFileSync('git', ['-C', this.origin, 'show', `${ref}:${file}`], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        return send(200, {
          type: 'file',
          encoding: 'base64',
          content: content.toString('base64'),
          sha: 'f'.repeat(40),
          size: content.length,
          path: file,
        });
      } catch {
        return send(404, { message: 'Not Found' });
      }
    }
    if ((m = route('GET', /^\/collaborators\/([^/]+)\/permission$/))) {
      const login = decodeURIComponent(m[1] ?? '');
      const role = this.permissions.get(login.toLowerCase());
      if (role === undefined) return send(404, { message: 'Not Found' });
      const base = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return send(200, { permission: base, role_name: role, user: { login } });
    }
    if ((m = route('GET', /^\/issues\/(\d+)$/))) {
      const issue = this.#issueJson(Number(m[1]));
      return issue === null ? send(404, { message: 'Not Found' }) : send(200, issue);
    }
    if ((m = route('GET', /^\/issues\/(\d+)\/comments$/)))
      return send(
        200,
        this.commentsOn(Number(m[1])).map(({ issue: _, ...c }) => c),
      );
    if ((m = route('POST', /^\/issues\/(\d+)\/comments$/))) {
      const id = this.#next++;
      const comment: FakeComment = {
        id,
        issue: Number(m[1]),
        body: String(body?.['body'] ?? ''),
        user: BOT,
        created_at: now,
        updated_at: now,
        html_url: this.#htmlUrl(`issues/${m[1]}#issuecomment-${id}`),
      };
      this.comments.push(comment);
      const { issue: _, ...json } = comment;
      return send(201, json);
    }
    if ((m = route('PATCH', /^\/issues\/comments\/(\d+)$/))) {
      const comment = this.comments.find((c) => c.id === Number(m?.[1]));
      if (comment === undefined) return send(404, { message: 'Not Found' });
      comment.body = String(body?.['body'] ?? '');
      comment.updated_at = now;
      const { issue: _, ...json } = comment;
      return send(200, json);
    }
    if (
      (m = route('POST', /^\/issues\/(\d+)\/reactions$/)) ||
      (m = route('POST', /^\/issues\/comments\/(\d+)\/reactions$/))
    ) {
      this.reactions.push({ target: path ?? '', content: String(body?.['content']) });
      return send(201, { id: this.#next++, content: body?.['content'] });
    }
    if ((m = route('GET', /^\/labels$/)))
      return send(
        200,
        [...this.labels].map((name) => ({ name })),
      );
    if ((m = route('POST', /^\/labels$/))) {
      this.labels.add(String(body?.['name']));
      return send(201, { name: body?.['name'] });
    }
    if ((m = route('POST', /^\/issues\/(\d+)\/labels$/))) {
      const labels = this.#labelsOf(Number(m[1]));
      if (labels === null) return send(404, { message: 'Not Found' });
      for (const name of (body?.['labels'] as string[] | undefined) ?? []) {
        this.labels.add(name);
        if (!labels.includes(name)) labels.push(name);
      }
      return send(
        200,
        labels.map((name) => ({ name })),
      );
    }
    if ((m = route('DELETE', /^\/issues\/(\d+)\/labels\/(.+)$/))) {
      const labels = this.#labelsOf(Number(m[1]));
      const name = decodeURIComponent(m[2] ?? '');
      const at = labels?.indexOf(name) ?? -1;
      if (labels === null || at < 0) return send(404, { message: 'Label does not exist' });
      labels.splice(at, 1);
      return send(
        200,
        labels.map((n) => ({ name: n })),
      );
    }
    if ((m = route('GET', /^\/pulls$/))) {
      const head = url.searchParams.get('head')?.split(':')[1];
      return send(
        200,
        [...this.pulls.values()]
          .filter((p) => p.state === 'open' && (head === undefined || p.headRef === head))
          .map((p) => this.#pullJson(p)),
      );
    }
    if ((m = route('POST', /^\/pulls$/))) {
      const headRef = String(body?.['head']);
      if (this.branchSha(headRef) === null)
        return send(422, { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] });
      const number = Math.max(0, ...this.issues.keys(), ...this.pulls.keys()) + 1;
      const pr = this.addPull({
        number,
        headRef,
        baseRef: String(body?.['base']),
        title: String(body?.['title']),
        body: String(body?.['body'] ?? ''),
        draft: body?.['draft'] === true,
        user: BOT,
      });
      return send(201, this.#pullJson(pr));
    }
    if ((m = route('GET', /^\/pulls\/(\d+)$/))) {
      const pr = this.pulls.get(Number(m[1]));
      return pr === undefined ? send(404, { message: 'Not Found' }) : send(200, this.#pullJson(pr));
    }
    if ((m = route('PATCH', /^\/pulls\/(\d+)$/))) {
      const pr = this.pulls.get(Number(m[1]));
      if (pr === undefined) return send(404, { message: 'Not Found' });
      if (typeof body?.['title'] === 'string') pr.title = body['title'];
      if (typeof body?.['body'] === 'string') pr.body = body['body'];
      return send(200, this.#pullJson(pr));
    }
    if ((m = route('GET', /^\/pulls\/(\d+)\/files$/))) {
      const pr = this.pulls.get(Number(m[1]));
      if (pr === undefined) return send(404, { message: 'Not Found' });
      const base = this.#git('merge-base', `refs/heads/${pr.baseRef}`, `refs/heads/${pr.headRef}`).trim();
      const files = this.#git('diff', '--name-status', base, `refs/heads/${pr.headRef}`)
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((line) => {
          const [status = 'M', filename = ''] = line.split('\t');
          return {
            filename,
            status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified',
            additions: 1,
            deletions: 0,
          };
        });
      return send(200, files);
    }
    if ((m = route('GET', /^\/pulls\/(\d+)\/commits$/))) {
      const pr = this.pulls.get(Number(m[1]));
      if (pr === undefined) return send(404, { message: 'Not Found' });
      const base = this.#git('merge-base', `refs/heads/${pr.baseRef}`, `refs/heads/${pr.headRef}`).trim();
      // This stand-in has no accounts, so GitHub links no commit to one (author/committer null).
      const commits = this.#git(
        'log',
        '--reverse',
        '--format=%H%x00%an%x00%ae%x00%cn%x00%ce%x00%B%x1e',
        `${base}..refs/heads/${pr.headRef}`,
      )
        .split('\x1e')
        .map((l) => l.replace(/^\n/, ''))
        .filter((l) => l !== '')
        .map((line) => {
          const [sha, an, ae, cn, ce, message] = line.split('\0');
          return {
            sha,
            author: null,
            committer: null,
            commit: { author: { name: an, email: ae }, committer: { name: cn, email: ce }, message },
          };
        });
      return send(200, commits);
    }
    if ((m = route('GET', /^\/pulls\/(\d+)\/reviews$/))) return send(200, this.reviews.get(Number(m[1])) ?? []);
    if ((m = route('POST', /^\/pulls\/(\d+)\/requested_reviewers$/))) {
      this.reviewRequests.push({
        pr: Number(m[1]),
        reviewers: (body?.['reviewers'] as string[]) ?? [],
        teams: (body?.['team_reviewers'] as string[]) ?? [],
      });
      return send(201, {});
    }
    if ((m = route('POST', /^\/check-runs$/))) {
      const run: FakeCheckRun = {
        id: this.#next++,
        name: String(body?.['name']),
        head_sha: String(body?.['head_sha']),
        status: String(body?.['status'] ?? 'queued'),
        conclusion: (body?.['conclusion'] as string | undefined) ?? null,
        external_id: (body?.['external_id'] as string | undefined) ?? null,
        output: body?.['output'] as FakeCheckRun['output'],
        details_url: (body?.['details_url'] as string | undefined) ?? null,
      };
      this.checkRuns.push(run);
      return send(201, { ...run, app: { id: 15368 } });
    }
    if ((m = route('PATCH', /^\/check-runs\/(\d+)$/))) {
      const run = this.checkRuns.find((r) => r.id === Number(m?.[1]));
      if (run === undefined) return send(404, { message: 'Not Found' });
      Object.assign(run, {
        status: body?.['status'] ?? run.status,
        conclusion: body?.['conclusion'] ?? (body?.['status'] === 'completed' ? run.conclusion : null),
        output: body?.['output'] ?? run.output,
        ...(body?.['external_id'] === undefined ? {} : { external_id: body['external_id'] }),
      });
      return send(200, { ...run, app: { id: 15368 } });
    }
    if ((m = route('GET', /^\/commits\/([^/]+)\/check-runs$/))) {
      const name = url.searchParams.get('check_name');
      const runs = this.checkRuns
        .filter((r) => r.head_sha === m?.[1] && (name === null || r.name === name))
        .map((r) => ({ ...r, app: { id: 15368 } }));
      return send(200, { total_count: runs.length, check_runs: runs });
    }
    if ((m = route('GET', /^\/actions\/runs\/(\d+)$/))) {
      const run = this.runs.get(Number(m[1]));
      if (run === undefined) return send(404, { message: 'Not Found' });
      const { jobs: _, pull_requests, ...fields } = run;
      return send(200, {
        ...fields,
        status: 'completed',
        html_url: this.#htmlUrl(`actions/runs/${run.id}`),
        head_repository: { full_name: `${this.owner}/${this.repo}` },
        pull_requests: pull_requests.map((number) => ({ number })),
      });
    }
    if ((m = route('GET', /^\/actions\/runs\/(\d+)\/jobs$/))) {
      const run = this.runs.get(Number(m[1]));
      if (run === undefined) return send(404, { message: 'Not Found' });
      const jobs = run.jobs.map(({ log: _, ...job }) => ({
        ...job,
        html_url: this.#htmlUrl(`actions/runs/${run.id}/job/${job.id}`),
      }));
      return send(200, { total_count: jobs.length, jobs });
    }
    if ((m = route('GET', /^\/actions\/jobs\/(\d+)\/logs$/))) {
      // GitHub answers with a short-lived URL elsewhere that takes no token.
      res.writeHead(302, { location: `${this.#url}/_logs/job-${m[1]}.txt?sig=signed` });
      res.end();
      return;
    }
    if (method === 'GET' && (m = /^\/_logs\/job-(\d+)\.txt$/.exec(url.pathname))) {
      const id = Number(m[1]);
      const job = [...this.runs.values()].flatMap((r) => r.jobs).find((j) => j.id === id);
      if (job === undefined) return send(404, { message: 'BlobNotFound' });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(job.log);
      return;
    }
    if ((m = route('GET', /^\/pulls\/(\d+)\/reviews\/(\d+)\/comments$/))) {
      const [pr, review] = [Number(m[1]), Number(m[2])];
      return send(
        200,
        this.reviewComments
          .filter((c) => c.pr === pr && c.pull_request_review_id === review)
          .map(({ pr: _, ...c }) => ({
            ...c,
            commit_id: this.headOf(pr),
            side: 'RIGHT',
            html_url: this.#htmlUrl(`pull/${pr}#discussion_r${c.id}`),
          })),
      );
    }
    if ((m = route('POST', /^\/pulls\/(\d+)\/comments\/(\d+)\/replies$/))) {
      const [pr, inReplyTo] = [Number(m[1]), Number(m[2])];
      if (!this.reviewComments.some((c) => c.pr === pr && c.id === inReplyTo))
        return send(404, { message: 'Not Found' });
      this.replies.push({ pr, inReplyTo, body: String(body?.['body'] ?? '') });
      const id = this.#next++;
      return send(201, {
        id,
        body: body?.['body'],
        user: BOT,
        created_at: now,
        updated_at: now,
        html_url: this.#htmlUrl(`pull/${pr}#discussion_r${id}`),
      });
    }
    if (method === 'POST' && url.pathname === '/graphql')
      return send(200, { data: null, errors: [{ message: 'Auto merge is not allowed for this repository' }] });
    this.unhandled.push(`${method} ${url.pathname}${url.search}`);
    return send(404, { message: 'Not Found (fake GitHub)' });
  }
}
