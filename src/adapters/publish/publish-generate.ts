/**
 * Publishes a generate run: one commit with exactly the job's
 * patch on top of the base, pushed to `branch.template`'s branch on origin with a
 * lease, then a pull request with a conventional title, the redacted report as body,
 * `greenlight` + `risk:<tier>` labels, draft/reviewers/auto-merge per tier, and the
 * initial `greenlight/review-gate` check on the new head.
 *
 * - The tier is the publish step's own classification of the commit; a tier claimed
 *   by the job can only raise it (docs/security.md §20).
 * - `.github/workflows/**` and paths outside `paths.allow`/inside `paths.deny` are
 *   refused before anything is pushed (docs/security.md §19), and so is a change that
 *   holds a secret or is over a `publish.*` size limit (docs/security.md §29, §33).
 * - A job that ran in this repository hands over the tree it verified, and that tree is
 *   what is committed (docs/security.md §28); a bundle's patch is applied instead.
 * - A re-run updates the branch and its open pull request instead of failing, but
 *   only when every commit on the branch is greenlight's: other people's commits are
 *   never overwritten.
 * - When the loop gave up, its best state is pushed to the branch and no pull request
 *   is opened (the result carries a compare link for the progress comment). If the
 *   branch already has an open pull request, the work in progress goes to
 *   `<branch>-wip` instead, so a verified pull request is never replaced by an
 *   unverified change.
 */
import type { JobResult } from '../../core/job.ts';
import { branchName } from '../../core/publish/branch-name.ts';
import { checkPublishPaths } from '../../core/publish/check-publish-paths.ts';
import { commitMessage } from '../../core/publish/commit-message.ts';
import { compareUrl } from '../../core/publish/compare-url.ts';
import { publishBody } from '../../core/publish/publish-body.ts';
import type { PublishResult } from '../../core/publish/publish-types.ts';
import { pullRequestTitle } from '../../core/publish/pull-request-title.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { createRedactor } from '../../core/redact/create-redactor.ts';
import type { RiskAssessment } from '../../core/risk/assessment.ts';
import { maxTier } from '../../core/risk/tier.ts';
import { classifyRange } from './classify-range.ts';
import { checkChange } from './check-change.ts';
import { applyPatchToTree, commitTree, treeOnBase } from './commit-patch.ts';
import { faithfulPatch } from './faithful-patch.ts';
import { finishPullRequest } from './finish-pull-request.ts';
import { keepCommit } from './keep-commit.ts';
import { changeFromJob, type ChangeToPublish, type PublishContext } from './publish-context.ts';
import { pushOwnBranch } from './push-own-branch.ts';
import type { GitAuth } from '../../core/publish/git-auth-env.ts';

export interface GenerateTarget {
  issue: { number: number; title: string };
  /** The branch the pull request goes into (usually the default branch). */
  baseBranch: string;
  /** The commit the job started from; the patch applies to it. */
  baseSha: string;
  /** GITHUB_RUN_ID, for a `{run}` placeholder in branch.template. */
  runId?: string;
}

export interface PublishGenerateOptions extends PublishContext, GenerateTarget {
  job: JobResult;
}

/**
 * @example
 * const result = await publishGenerate({ root, forge, config, job, issue: { number: 12, title },
 *   requester: { login: 'alice', id: 42 }, token, serverUrl: 'https://github.com', baseBranch: 'main', baseSha });
 * if (result.kind === 'opened') progress.done(`Opened ${result.prUrl}`);
 */
export async function publishGenerate(options: PublishGenerateOptions): Promise<PublishResult> {
  const change = changeFromJob(options.job);
  if (change === null) {
    return { kind: 'refused', reason: 'no-changes', message: 'The run was refused, so there is nothing to publish.' };
  }
  const patch =
    change.tree === undefined && typeof change.patch === 'string'
      ? await faithfulPatch(options.root, options.baseSha, change.patch)
      : change.patch;
  return publishGenerateChange(options, options, { ...change, patch });
}

/** The shared path of `publishGenerate` and `publishBundle`. */
export async function publishGenerateChange(
  context: PublishContext,
  target: GenerateTarget,
  change: ChangeToPublish,
): Promise<PublishResult> {
  const { root, forge, config } = context;
  const redactor = createRedactor({ secrets: [context.token, ...(context.secrets ?? [])] });
  const auth: GitAuth = { serverUrl: context.serverUrl, token: context.token };
  // A bad branch.template fails before any work.
  const named = branchName(config.branch.template, {
    number: target.issue.number,
    title: target.issue.title,
    ...(target.runId === undefined ? {} : { run: target.runId }),
  });

  const applied =
    change.tree === undefined
      ? await applyPatchToTree(root, target.baseSha, change.patch)
      : await treeOnBase(root, target.baseSha, change.tree);
  if (!applied.ok) {
    throw new GreenlightError(
      'git',
      `the change does not apply to its base ${target.baseSha.slice(0, 12)}: ${applied.message}. The job's diff and the checkout disagree; re-run the job on a fresh checkout.`,
    );
  }
  if (applied.tree === applied.baseTree) {
    return {
      kind: 'refused',
      reason: 'no-changes',
      message:
        change.kind === 'gave-up'
          ? 'The run gave up and no state was better than the starting point, so there is nothing to push.'
          : 'The change is empty: nothing differs from the base.',
    };
  }
  const classified = await classifyRange(root, applied.baseTree, applied.tree, config);
  const violations = checkPublishPaths(classified.changes, config.paths);
  if (violations.length > 0) {
    return {
      kind: 'refused',
      reason: 'forbidden-paths',
      violations,
      message: `Nothing was pushed: ${violations.map((v) => `\`${v.path}\` ${v.reason}`).join('; ')}.`,
    };
  }
  const refusal = await checkChange(root, applied.baseTree, applied.tree, {
    limits: config.publish,
    secrets: [context.token, ...(context.secrets ?? [])],
    changes: classified.changes,
  });
  if (refusal !== null) return refusal;
  const risk = raisedBy(classified.risk, change);
  const title = pullRequestTitle({
    mode: 'generate',
    title: target.issue.title,
    paths: classified.changes.map((c) => c.path),
  });
  const message = commitMessage({
    subject: title,
    mode: 'generate',
    issueNumber: target.issue.number,
    serverUrl: context.serverUrl,
    ...(context.requester === undefined ? {} : { requester: context.requester }),
    ...(change.kind === 'gave-up' ? { stopped: change.stop?.message ?? 'the loop gave up' } : {}),
  });
  const commit = await commitTree(root, applied.tree, target.baseSha, message, {
    name: config.commit.authorName,
    email: config.commit.authorEmail,
  });

  let branch = named;
  let existing = await forge.findPullRequestForBranch(branch);
  if (change.kind === 'gave-up' && existing !== null) {
    branch = `${branch}-wip`;
    existing = null;
  }
  const localBranch = await keepCommit(root, branch, commit);
  const kept = { sha: commit, parent: target.baseSha, branch, risk };
  const role = change.kind === 'gave-up' ? 'work-in-progress' : 'pull-request';
  if (context.dryRun) {
    await context.evidence?.({ ...kept, pushed: false, role });
    return {
      kind: 'dry-run',
      branch,
      commitSha: commit,
      risk,
      gate: null,
      ...(existing === null ? {} : { prNumber: existing.number }),
    };
  }

  await pushOwnBranch(auth, redactor, {
    root,
    branch,
    base: target.baseSha,
    authorEmail: config.commit.authorEmail,
    commit,
    localBranch,
  });

  const evidence = await context.evidence?.({ ...kept, pushed: true, role });
  if (change.kind === 'gave-up') {
    return {
      kind: 'pushed-branch',
      branch,
      commitSha: commit,
      risk,
      gate: null,
      compareUrl: compareUrl(context.serverUrl, forge.repo, target.baseBranch, branch),
      reason: change.stop?.message ?? 'The loop gave up.',
    };
  }

  const body = publishBody({
    reportMarkdown: change.reportMarkdown,
    redactor,
    risk,
    claimedTier: change.claimedTier,
    review: config.review,
    ...(evidence === undefined ? {} : { evidence }),
  });
  let pr: { number: number; htmlUrl: string; labels: readonly string[] };
  if (existing !== null) {
    await forge.updatePullRequest(existing.number, { title, body });
    pr = { number: existing.number, htmlUrl: existing.htmlUrl, labels: existing.labels };
  } else {
    const created = await forge.createPullRequest({
      title,
      body,
      head: branch,
      base: target.baseBranch,
      draft: config.review[risk.tier].draft,
    });
    pr = { number: created.number, htmlUrl: created.htmlUrl, labels: [] };
  }
  const finished = await finishPullRequest(context, {
    prNumber: pr.number,
    labels: pr.labels,
    draft: existing?.draft ?? null,
    commit,
    tier: risk.tier,
    requesters: context.requester === undefined ? [] : [context.requester.login],
    allowAutoMerge: true,
  });
  return {
    kind: existing === null ? 'opened' : 'updated',
    branch,
    commitSha: commit,
    risk,
    gate: finished.gate,
    prNumber: pr.number,
    prUrl: pr.htmlUrl,
    ...(finished.warnings.length === 0 ? {} : { warnings: finished.warnings }),
  };
}

/** The publish step's assessment, with its tier raised to a higher claim (never lowered by one). */
export function raisedBy(own: RiskAssessment, change: ChangeToPublish): RiskAssessment {
  const tier = maxTier(own.tier, change.claimedTier);
  return tier === own.tier ? own : { ...own, tier };
}
