/**
 * Drives the Action runner as the Actions runtime does: `INPUT_*` and `GITHUB_*`
 * variables, an event file, output and summary files in a temp dir. The engine and the
 * publisher are replaced by recording fakes (ActionServices); GitHub is a FakeForge
 * unless a test passes its own `createForge` (e.g. the real OctokitForge against nock).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { inputVariable } from '../../src/action/inputs.ts';
import { runAction } from '../../src/action/runner.ts';
import { readAuditLog, type AuditLog } from '../../src/adapters/audit/read-audit-log.ts';
import type {
  ActionServices,
  BundleRequest,
  PublishBundleRequest,
  PublishedBundle,
  PublishFixRequest,
  PublishGenerateRequest,
} from '../../src/compose/action-services.ts';
import type { RepoConfig } from '../../src/core/config/repo-config.ts';
import type { DoctorReport } from '../../src/core/doctor/doctor-check.ts';
import type { JobOptions, JobResult } from '../../src/core/job.ts';
import type { PublishRefusal, PublishResult } from '../../src/core/publish/publish-types.ts';
import type { RiskAssessment } from '../../src/core/risk/assessment.ts';
import type { AuditRecord } from '../../src/ports/audit.ts';
import type { Forge, RepoRef } from '../../src/ports/forge.ts';
import type { ProgressSnapshot } from '../../src/ports/progress.ts';
import { FakeForge, fakeSha } from '../fakes/fake-forge.ts';
import { webhookExample, type ExamplePayload } from '../fakes/webhook-example.ts';
import { jobResult } from './job-result.ts';
import { parseStepOutputs } from './step-outputs.ts';

export const TOKEN = 'ghs_unitTestToken1234567890abcdefABCDEF';
export const MODEL_KEY = 'sk-ant-api03-unitTestKey-1234567890abcdefghijklmnop';
export const RUN_ID = '4242';
export const RUN_URL = `https://github.com/acme/shop/actions/runs/${RUN_ID}`;
export const BASE_SHA = fakeSha('base');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Recording fakes of everything the runner calls besides the Forge. */
export class FakeServices implements ActionServices {
  forge: Forge;
  job: JobResult | Error = jobResult('succeeded');
  /** What publishGenerate/publishFix answer; default: opened / pushed-fix for the job's tier. */
  publishAnswer: PublishResult | Error | null = null;
  bundleAnswer: PublishedBundle | Error | null = null;
  /** What writeChangeBundle answers instead of writing, e.g. a refusal for a secret. */
  bundleRefusal: PublishRefusal | null = null;
  classification: RiskAssessment | Error = { tier: 'low', files: [], overridesApplied: [] };
  head = BASE_SHA;
  /** Snapshots the fake engine reports before it returns. */
  engineSnapshots: ProgressSnapshot[] = [];
  /** What the checks before the engine answer (`greenlight doctor`'s, surface action). */
  machine: DoctorReport = {
    ok: true,
    results: [{ id: 'sandbox', lines: [{ label: 'sandbox', status: 'ok', detail: 'bwrap works here' }] }],
  };
  readonly calls = {
    createForge: [] as { token: string; apiUrl: string }[],
    runJob: [] as JobOptions[],
    checkoutCommit: [] as { sha: string; branches: readonly string[] }[],
    stripCredentials: [] as string[],
    classifyPullRequest: [] as { headSha: string; baseRef: string }[],
    publishGenerate: [] as PublishGenerateRequest[],
    publishFix: [] as PublishFixRequest[],
    writeChangeBundle: [] as BundleRequest[],
    publishBundle: [] as PublishBundleRequest[],
    checkMachine: [] as { root: string; config: RepoConfig }[],
  };

  constructor(forge: Forge) {
    this.forge = forge;
  }

  createForge(request: { token: string; apiUrl: string; repo: RepoRef }): Forge {
    this.calls.createForge.push({ token: request.token, apiUrl: request.apiUrl });
    return this.forge;
  }

  async runJob(options: JobOptions): Promise<JobResult> {
    this.calls.runJob.push(options);
    for (const snapshot of this.engineSnapshots) await options.progress.update(snapshot);
    options.audit.write({ kind: 'note', message: 'fake engine ran' });
    if (this.job instanceof Error) throw this.job;
    return this.job;
  }

  async checkMachine(request: { root: string; config: RepoConfig }): Promise<DoctorReport> {
    this.calls.checkMachine.push({ root: request.root, config: request.config });
    return this.machine;
  }

  async headSha(_root: string): Promise<string> {
    return this.head;
  }

  async checkoutCommit(_root: string, sha: string, branches: readonly string[]): Promise<void> {
    this.calls.checkoutCommit.push({ sha, branches });
    this.head = sha;
  }

  async stripCredentials(root: string): Promise<string[]> {
    this.calls.stripCredentials.push(root);
    return [];
  }

  async classifyPullRequest(_root: string, range: { headSha: string; baseRef: string }): Promise<RiskAssessment> {
    this.calls.classifyPullRequest.push({ headSha: range.headSha, baseRef: range.baseRef });
    if (this.classification instanceof Error) throw this.classification;
    return this.classification;
  }

  async publishGenerate(request: PublishGenerateRequest): Promise<PublishResult> {
    this.calls.publishGenerate.push(request);
    return this.#answer(request.job, {
      kind: 'opened',
      prNumber: 101,
      prUrl: 'https://github.com/acme/shop/pull/101',
      branch: `greenlight/issue-${request.issue.number}-x`,
    });
  }

  async publishFix(request: PublishFixRequest): Promise<PublishResult> {
    this.calls.publishFix.push(request);
    return this.#answer(request.job, {
      kind: 'pushed-fix',
      prNumber: request.pr.number,
      prUrl: request.pr.htmlUrl,
      branch: request.pr.headRef,
      previousTier: null,
    });
  }

  async writeChangeBundle(request: BundleRequest): Promise<{ kind: 'written'; path: string } | PublishRefusal> {
    this.calls.writeChangeBundle.push(request);
    return this.bundleRefusal ?? { kind: 'written', path: request.path };
  }

  async publishBundle(request: PublishBundleRequest): Promise<PublishedBundle> {
    this.calls.publishBundle.push(request);
    if (this.bundleAnswer instanceof Error) throw this.bundleAnswer;
    if (this.bundleAnswer === null) throw new Error('FakeServices: no bundleAnswer');
    return this.bundleAnswer;
  }

  /** The real reader: the runner builds the evidence record from what it wrote. */
  async readAuditLog(path: string): Promise<AuditLog> {
    return readAuditLog(path);
  }

  #answer(
    job: JobResult,
    fallback:
      | { kind: 'opened'; prNumber: number; prUrl: string; branch: string }
      | { kind: 'pushed-fix'; prNumber: number; prUrl: string; branch: string; previousTier: null },
  ): PublishResult {
    if (this.publishAnswer instanceof Error) throw this.publishAnswer;
    if (this.publishAnswer !== null) return this.publishAnswer;
    return { ...fallback, commitSha: fakeSha('commit'), risk: job.risk, gate: 'success' };
  }
}

export interface RunResult {
  code: number;
  lines: string[];
  outputs: Record<string, string>;
  summary: string;
  audit: AuditRecord[];
  /** Everything the run wrote anywhere a user or an artifact sees (the mask commands aside, which the runner hides). */
  everything: string;
}

export interface Harness {
  dir: string;
  workspace: string;
  forge: FakeForge;
  services: FakeServices;
  run(
    event: string,
    payload: unknown,
    options?: { inputs?: Record<string, string>; env?: Record<string, string | undefined> },
  ): Promise<RunResult>;
}

/** A fresh temp dir, FakeForge (acme/shop, default branch main) and FakeServices. */
export function harness(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-action-'));
  dirs.push(dir);
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  const forge = new FakeForge({ owner: 'acme', repo: 'shop' });
  forge.botLogin = 'github-actions[bot]';
  const services = new FakeServices(forge);
  let runs = 0;
  return {
    dir,
    workspace,
    forge,
    services,
    async run(event, payload, options = {}) {
      const runDir = join(dir, `run-${++runs}`);
      mkdirSync(runDir);
      const files = {
        event: join(runDir, 'event.json'),
        output: join(runDir, 'output'),
        summary: join(runDir, 'summary'),
        temp: join(runDir, 'temp'),
      };
      writeFileSync(files.event, JSON.stringify(payload));
      writeFileSync(files.output, '');
      writeFileSync(files.summary, '');
      const inputs = Object.fromEntries(
        Object.entries({ github_token: TOKEN, anthropic_api_key: MODEL_KEY, ...options.inputs }).map(([k, v]) => [
          inputVariable(k),
          v,
        ]),
      );
      const env = {
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_WORKSPACE: workspace,
        GITHUB_API_URL: 'https://api.github.com',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: RUN_ID,
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'greenlight',
        RUNNER_TEMP: files.temp,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        ...inputs,
        ...options.env,
      };
      const lines: string[] = [];
      const code = await runAction(env, services, { write: (line) => lines.push(line) });
      const outputs = parseStepOutputs(readFileSync(files.output, 'utf8'));
      const auditPath = outputs['audit_log'] ?? '';
      const auditText = auditPath !== '' && existsSync(auditPath) ? readFileSync(auditPath, 'utf8') : '';
      const audit = auditText
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as AuditRecord);
      const summary = readFileSync(files.summary, 'utf8');
      const comments = forge.comments.map((c) => c.body).join('\n');
      const checks = forge.checkRuns.map((r) => JSON.stringify(r.history)).join('\n');
      return {
        code,
        lines,
        outputs,
        summary,
        audit,
        everything: [
          lines.filter((l) => !l.startsWith('::add-mask::')).join('\n'),
          readFileSync(files.output, 'utf8'),
          summary,
          auditText,
          comments,
          checks,
        ].join('\n'),
      };
    },
  };
}

/** `issues.labeled` (a real example payload) for issue `number` of acme/shop, labelled by `sender`. */
export function labeledEvent(
  number: number,
  options: { label?: string; sender?: string; senderType?: string } = {},
): ExamplePayload {
  const payload = webhookExample('issues', 'labeled');
  payload.repository.full_name = 'acme/shop';
  payload.issue.number = number;
  payload.label.name = options.label ?? 'ai-generate';
  payload.sender.login = options.sender ?? 'alice';
  payload.sender.id = 1001;
  payload.sender.type = options.senderType ?? 'User';
  return payload;
}

/** `issue_comment.created` on pull request `number` (a real example payload, made a PR comment). */
export function commentEvent(
  number: number,
  body: string,
  options: { user?: string; userType?: string; action?: string; commentId?: number } = {},
): ExamplePayload {
  const payload = webhookExample('issue_comment', options.action ?? 'created');
  payload.repository.full_name = 'acme/shop';
  payload.issue.number = number;
  payload.issue.pull_request = { url: `https://api.github.com/repos/acme/shop/pulls/${number}` };
  payload.comment.body = body;
  payload.comment.id = options.commentId ?? 555;
  payload.comment.user.login = options.user ?? 'alice';
  payload.comment.user.id = 1001;
  payload.comment.user.type = options.userType ?? 'User';
  payload.sender.login = options.user ?? 'alice';
  payload.sender.type = options.userType ?? 'User';
  return payload;
}

/** `workflow_dispatch` with `inputs`, sent by `sender`. */
export function dispatchEvent(inputs: Record<string, string>, sender = 'alice', senderType = 'User'): ExamplePayload {
  const payload = webhookExample('workflow_dispatch', undefined);
  payload.repository.full_name = 'acme/shop';
  payload.inputs = inputs;
  payload.sender.login = sender;
  payload.sender.type = senderType;
  return payload;
}

/** `pull_request_review.submitted` on pull request `number` with its head and labels. */
export function reviewEvent(number: number, headSha: string, labels: string[] = ['greenlight']): ExamplePayload {
  const payload = webhookExample('pull_request_review', 'submitted');
  payload.repository.full_name = 'acme/shop';
  payload.pull_request.number = number;
  payload.pull_request.head.sha = headSha;
  payload.pull_request.labels = labels.map((name) => ({ name }));
  return payload;
}

/** `pull_request.synchronize`: pull request `number` moved from `before` to `after`. */
export function pushEvent(
  number: number,
  before: string,
  after: string,
  labels: string[] = ['greenlight'],
): ExamplePayload {
  const payload = webhookExample('pull_request', 'synchronize');
  payload.repository.full_name = 'acme/shop';
  payload.pull_request.number = number;
  payload.pull_request.head.sha = after;
  payload.pull_request.labels = labels.map((name) => ({ name }));
  payload.before = before;
  payload.after = after;
  return payload;
}
