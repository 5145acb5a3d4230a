/**
 * What the Action runner calls to do its work, injected so that tests can replace
 * the engine and the publisher while keeping the runner's own decisions under test.
 * `defaultServices()` (default-services.ts) wires the real adapters.
 */
import type { JobOptions, JobResult } from '../core/job.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { BundleTarget } from '../core/bundle/change-bundle.ts';
import type { PublishResult, Requester } from '../core/publish/publish-types.ts';
import type { RiskAssessment } from '../core/risk/assessment.ts';
import type { Forge, PullRequestInfo, RepoRef } from '../ports/forge.ts';
import type { PullRequestRange } from '../adapters/actions/classify-pull-request.ts';
import type { GitAuth } from '../adapters/actions/ensure-commit.ts';

/** Where to publish, and with what. */
interface PublishBase {
  root: string;
  forge: Forge;
  config: RepoConfig;
  job: JobResult;
  requester: Requester;
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
}

export interface PublishGenerateRequest extends PublishBase {
  issue: { number: number; title: string };
  baseBranch: string;
}

export interface PublishFixRequest extends PublishBase {
  /** As read when the run started; `headSha` is the recorded head (the lease). */
  pr: PullRequestInfo;
  instruction: string;
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
  writeChangeBundle(request: BundleRequest): Promise<string>;
  publishBundle(request: PublishBundleRequest): Promise<PublishedBundle>;
}
