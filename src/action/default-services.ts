/**
 * The real adapters behind ActionServices: Octokit (github.com or GHES through
 * GITHUB_API_URL), the engine (`runJob`), git in the workspace, and the publisher.
 */
import { checkoutCommit } from '../adapters/actions/ensure-commit.ts';
import { classifyPullRequest } from '../adapters/actions/classify-pull-request.ts';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { createOctokit } from '../adapters/github/create-octokit.ts';
import { OctokitForge } from '../adapters/github/octokit-forge.ts';
import { publishBundle } from '../adapters/publish/publish-bundle.ts';
import { publishFix, type FixTarget } from '../adapters/publish/publish-fix.ts';
import { publishGenerate } from '../adapters/publish/publish-generate.ts';
import { stripPersistedCredentials } from '../adapters/publish/strip-persisted-credentials.ts';
import { writeChangeBundle } from '../adapters/publish/write-change-bundle.ts';
import { runJob } from '../compose/run-job.ts';
import type { PullRequestInfo, RepoRef } from '../ports/forge.ts';
import type { ActionServices, PublishBundleRequest, PublishFixRequest, PublishGenerateRequest } from './services.ts';

function fixTarget(pr: PullRequestInfo, repo: RepoRef, instruction: string): FixTarget {
  return {
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
  };
}

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
        pr: fixTarget(request.pr, request.forge.repo, request.instruction),
      }),
    writeChangeBundle: async (request) => {
      await writeChangeBundle(request.path, {
        job: request.job,
        mode: request.target.kind === 'issue' ? 'generate' : 'fix',
        target: request.target,
        baseSha: request.baseSha,
        requester: request.requester,
      });
      return request.path;
    },
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
  };
}
