/**
 * What the Action asks of the world, and the real thing: `ActionServices` is what the
 * runner (src/action/runner.ts) calls to do its work — the Forge, the engine, git in the
 * workspace, the publisher — injected so that tests can replace the engine and the
 * publisher while keeping the runner's own decisions under test. `defaultServices()`
 * wires the real adapters: Octokit (github.com or GHES through GITHUB_API_URL), `runJob`,
 * the workspace's git and the publisher.
 */
import { readAuditLog, type AuditLog } from '../adapters/audit/read-audit-log.ts';
import { checkoutCommit } from '../adapters/git/checkout-commit.ts';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { createOctokit } from '../adapters/github/create-octokit.ts';
import { OctokitForge } from '../adapters/github/octokit-forge.ts';
import { checkJobChange } from '../adapters/publish/check-change.ts';
import { publishBundle } from '../adapters/publish/publish-bundle.ts';
import { publishFix, type FixTarget } from '../adapters/publish/publish-fix.ts';
import { publishGenerate } from '../adapters/publish/publish-generate.ts';
import { stripPersistedCredentials } from '../adapters/publish/strip-persisted-credentials.ts';
import { writeChangeBundle } from '../adapters/publish/write-change-bundle.ts';
import type { BundleTarget } from '../core/bundle/change-bundle.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { Evidence } from '../core/evidence/evidence.ts';
import type { JobOptions, JobResult } from '../core/job.ts';
import type { FixOrigin } from '../core/publish/commit-message.ts';
import type { GitAuth } from '../core/publish/git-auth-env.ts';
import type { PublishedCommit, PublishRefusal, PublishResult, Requester } from '../core/publish/publish-types.ts';
import type { RiskAssessment } from '../core/risk/assessment.ts';
import type { Forge, PullRequestInfo, RepoRef } from '../ports/forge.ts';
import { classifyPullRequest, type PullRequestRange } from './classify-pull-request.ts';
import { createDoctorHost } from './doctor-host.ts';
import type { DoctorReport } from '../core/doctor/doctor-check.ts';
import { runDoctor } from '../core/doctor/run-doctor.ts';
import { runJob } from './run-job.ts';

/** Where to publish, and with what. */
interface PublishBase {
  root: string;
  forge: Forge;
  config: RepoConfig;
  job: JobResult;
  /** Who asked; none for a CI repair, which nobody asks for. */
  requester?: Requester;
  auth: GitAuth;
  dryRun: boolean;
  /** The commit the job started from (its diff applies to it). */
  baseSha: string;
  botLogin: string;
  /** The workflow run, linked from the gate check. */
  detailsUrl: string | null;
  runId: string | null;
  /** Secret values to keep out of what is published (the token always is). */
  secrets: readonly string[];
  /** Records each commit kept and returns the evidence section (see PublishContext). */
  evidence?: (commit: PublishedCommit) => Promise<string>;
}

export interface PublishGenerateRequest extends PublishBase {
  issue: { number: number; title: string };
  baseBranch: string;
}

export interface PublishFixRequest extends PublishBase {
  /** As read when the run started; `headSha` is the recorded head (the lease). */
  pr: PullRequestInfo;
  instruction: string;
  /** A CI repair or a review rather than a `/fix` comment. */
  origin?: FixOrigin;
}

/** What the generate job hands to the publish job of the two-job workflow. */
export interface BundleRequest {
  path: string;
  root: string;
  job: JobResult;
  /** The commit the job started from (for fix: the recorded pull-request head). */
  baseSha: string;
  target: BundleTarget;
  requester: Requester;
  /** Size limits the change must respect (docs/security.md §33). */
  limits: RepoConfig['publish'];
  /** Secret values the change may not carry (docs/security.md §29). */
  secrets: readonly string[];
  /** The job's evidence record so far, carried in the manifest to the publish job. */
  evidence?: Evidence;
}

export interface PublishBundleRequest {
  path: string;
  /** What this workflow run is about, from its event: the bundle must agree. */
  expected:
    | { kind: 'issue'; issue: { number: number; title: string }; baseBranch: string }
    | { kind: 'pr'; pr: PullRequestInfo; instruction: string };
  root: string;
  forge: Forge;
  /** Config from the default branch: path rules and risk rules are the publisher's own. */
  config: RepoConfig;
  auth: GitAuth;
  dryRun: boolean;
  /** Who asked, from the event of this run (never from the bundle). */
  requester: Requester;
  botLogin: string;
  detailsUrl: string | null;
  runId: string | null;
  secrets: readonly string[];
  evidence?: (commit: PublishedCommit) => Promise<string>;
}

export interface PublishedBundle {
  result: PublishResult;
  /** The bundle's own run verdict (the loop succeeded), for the exit code. */
  verified: boolean;
  costUsd: number;
  /** Why the loop stopped, when it did not succeed. */
  reason: string | null;
}

export interface ActionServices {
  createForge(request: { token: string; apiUrl: string; repo: RepoRef }): Forge;
  /** The engine (src/compose/run-job.ts). */
  runJob(options: JobOptions): Promise<JobResult>;
  /** The commit checked out in the workspace. */
  headSha(root: string): Promise<string>;
  /** Detaches the workspace at `sha`, fetching it (and `branches`) from origin when needed. */
  checkoutCommit(root: string, sha: string, branches: readonly string[], auth: GitAuth): Promise<void>;
  /** Removes credentials a checkout left on disk; returns what was removed (no values). */
  stripCredentials(root: string): Promise<string[]>;
  classifyPullRequest(
    root: string,
    range: PullRequestRange,
    risk: RepoConfig['risk'],
    auth: GitAuth,
  ): Promise<RiskAssessment>;
  publishGenerate(request: PublishGenerateRequest): Promise<PublishResult>;
  publishFix(request: PublishFixRequest): Promise<PublishResult>;
  /** Writes the bundle, unless the change holds a secret or is too large (then nothing is written). */
  writeChangeBundle(request: BundleRequest): Promise<{ kind: 'written'; path: string } | PublishRefusal>;
  publishBundle(request: PublishBundleRequest): Promise<PublishedBundle>;
  /**
   * `greenlight doctor`'s checks that apply to the Action (Node, git, the model key, the
   * sandbox, the test command), run on the prepared workspace before the engine.
   */
  checkMachine(request: {
    root: string;
    config: RepoConfig;
    env: Readonly<Record<string, string | undefined>>;
  }): Promise<DoctorReport>;
  /** The audit log at `path`, read back (the evidence record is built from it). */
  readAuditLog(path: string): Promise<AuditLog>;
}

function fixTarget(pr: PullRequestInfo, repo: RepoRef, instruction: string, origin?: FixOrigin): FixTarget {
  return {
    ...(origin === undefined ? {} : { origin }),
    number: pr.number,
    headRef: pr.headRef,
    headSha: pr.headSha,
    headRepo: pr.headRepoFullName,
    baseRepo: `${repo.owner}/${repo.repo}`,
    baseRef: pr.baseRef,
    instruction,
  };
}

/** The publisher's PublishContext from a runner request. */
function context(request: PublishGenerateRequest | PublishFixRequest | PublishBundleRequest) {
  return {
    root: request.root,
    forge: request.forge,
    config: request.config,
    requester: request.requester,
    token: request.auth.token,
    serverUrl: request.auth.serverUrl,
    dryRun: request.dryRun,
    botLogin: request.botLogin,
    secrets: request.secrets,
    ...(request.detailsUrl === null ? {} : { detailsUrl: request.detailsUrl }),
    ...(request.evidence === undefined ? {} : { evidence: request.evidence }),
  };
}

/** The real adapters behind ActionServices. */
export function defaultServices(): ActionServices {
  return {
    createForge: ({ token, apiUrl, repo }) => new OctokitForge(createOctokit({ token, baseUrl: apiUrl }), repo),
    runJob,
    headSha: async (root) => (await LocalWorkspace.open(root)).headSha(),
    checkoutCommit,
    stripCredentials: async (root) => (await stripPersistedCredentials(root)).removed,
    classifyPullRequest,
    publishGenerate: (request) =>
      publishGenerate({
        ...context(request),
        job: request.job,
        issue: request.issue,
        baseBranch: request.baseBranch,
        baseSha: request.baseSha,
        ...(request.runId === null ? {} : { runId: request.runId }),
      }),
    publishFix: (request) =>
      publishFix({
        ...context(request),
        job: request.job,
        pr: fixTarget(request.pr, request.forge.repo, request.instruction, request.origin),
      }),
    writeChangeBundle: async (request) => {
      const refusal = await checkJobChange(request.root, request.job, request.baseSha, {
        limits: request.limits,
        secrets: request.secrets,
      });
      if (refusal !== null) return refusal;
      await writeChangeBundle(request.path, {
        job: request.job,
        mode: request.target.kind === 'issue' ? 'generate' : 'fix',
        target: request.target,
        baseSha: request.baseSha,
        requester: request.requester,
        root: request.root,
        ...(request.evidence === undefined ? {} : { evidence: request.evidence }),
      });
      return { kind: 'written', path: request.path };
    },
    checkMachine: async ({ root, config, env }) =>
      runDoctor(await createDoctorHost({ repo: root, env }), { surface: 'action', config }),
    publishBundle: async (request) => {
      const { expected } = request;
      const { manifest, result } = await publishBundle({
        ...context(request),
        bundlePath: request.path,
        expected:
          expected.kind === 'issue'
            ? {
                mode: 'generate',
                issue: expected.issue,
                baseBranch: expected.baseBranch,
                ...(request.runId === null ? {} : { runId: request.runId }),
              }
            : { mode: 'fix', pr: fixTarget(expected.pr, request.forge.repo, expected.instruction) },
      });
      return {
        result,
        verified: manifest.outcome.kind === 'succeeded',
        costUsd: manifest.costUsd,
        reason: manifest.outcome.stop?.message ?? null,
      };
    },
    readAuditLog,
  };
}
