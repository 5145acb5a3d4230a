/**
 * Publishes a `/fix` run: one commit on top of the pull
 * request's head as it was when `/fix` was requested, pushed with
 * `--force-with-lease=<branch>:<recorded head>` so that it lands only if nobody pushed
 * in between (docs/security.md §4). Then the WHOLE pull request (merge base … new head) is
 * classified again, the `risk:` label is swapped (the tier can rise) and the review
 * gate is recomputed on the new head.
 *
 * Pull requests from forks are refused as a value: their branch is not this
 * repository's to push to, and their code is not run with this repository's secrets.
 * A fix that gave up is not pushed onto the pull request (reviewers approve that
 * branch); it goes to `greenlight/fix-pr-<n>-wip` with a compare link instead.
 */
import type { JobResult } from '../../core/job.ts';
import { GreenlightError } from '../../ports/errors.ts';
import { GATE_CHECK_NAME } from '../../core/gate/gate-check-run.ts';
import { checkPublishPaths } from '../../core/publish/check-publish-paths.ts';
import { commitMessage, type FixOrigin } from '../../core/publish/commit-message.ts';
import { compareUrl } from '../../core/publish/compare-url.ts';
import { parseGateMemo } from '../../core/publish/gate-external-id.ts';
import type { PublishResult } from '../../core/publish/publish-types.ts';
import { pullRequestTitle } from '../../core/publish/pull-request-title.ts';
import { createRedactor, type Redactor } from '../../core/redact/create-redactor.ts';
import type { RiskAssessment } from '../../core/risk/assessment.ts';
import type { RiskTier } from '../../core/risk/tier.ts';
import type { Forge } from '../../ports/forge.ts';
import { classifyRange } from './classify-range.ts';
import { checkChange } from './check-change.ts';
import { applyPatchToTree, commitTree, treeOnBase } from './commit-patch.ts';
import { faithfulPatch } from './faithful-patch.ts';
import { finishPullRequest } from './finish-pull-request.ts';
import { keepCommit } from './keep-commit.ts';
import { changeFromJob, type ChangeToPublish, type PublishContext } from './publish-context.ts';
import { raisedBy } from './publish-generate.ts';
import { runGit } from '../git/run-git.ts';
import { pushBranch } from './push-branch.ts';
import { pushRejectedError } from './push-rejected-error.ts';
import { pushOwnBranch } from './push-own-branch.ts';
import { ensureCommit, fetchBranch, readRemoteBranch } from './remote-git.ts';
import type { GitAuth } from '../../core/publish/git-auth-env.ts';

/** The pull request as recorded when `/fix` was requested (from the event, not re-read). */
export interface FixTarget {
  number: number;
  /** Branch of the head, in `headRepo`. */
  headRef: string;
  /** Head commit at trigger time: the commit the run worked on and the lease. */
  headSha: string;
  /** `owner/name` of the head repository (null when a fork was deleted). */
  headRepo: string | null;
  /** `owner/name` of this repository. */
  baseRepo: string;
  /** Branch the pull request goes into, for the whole-PR classification. */
  baseRef: string;
  /** The `/fix` instruction, for the commit subject (untrusted; one line is kept). */
  instruction?: string;
  /** A CI repair or a review instead of a `/fix` comment: the commit says so (and a repair carries its trailers). */
  origin?: FixOrigin;
}

export interface PublishFixOptions extends PublishContext {
  job: JobResult;
  pr: FixTarget;
}

export async function publishFix(options: PublishFixOptions): Promise<PublishResult> {
  const change = changeFromJob(options.job);
  if (change === null) {
    return { kind: 'refused', reason: 'no-changes', message: 'The run was refused, so there is nothing to push.' };
  }
  const patch =
    change.tree === undefined && typeof change.patch === 'string'
      ? await faithfulPatch(options.root, options.pr.headSha, change.patch)
      : change.patch;
  return publishFixChange(options, options.pr, { ...change, patch });
}

/** The shared path of `publishFix` and `publishBundle`. */
export async function publishFixChange(
  context: PublishContext,
  pr: FixTarget,
  change: ChangeToPublish,
): Promise<PublishResult> {
  const { root, forge, config } = context;
  if (pr.headRepo === null || pr.headRepo.toLowerCase() !== pr.baseRepo.toLowerCase()) {
    return {
      kind: 'refused',
      reason: 'fork',
      message: `Pull request #${pr.number} comes from ${pr.headRepo === null ? 'a deleted fork' : `the fork ${pr.headRepo}`}. greenlight only works on branches of ${pr.baseRepo}: it does not run a fork's code with this repository's secrets, and it cannot push to a fork. A maintainer can push the branch to ${pr.baseRepo} and comment /fix on a pull request from there.`,
    };
  }
  const redactor = createRedactor({ secrets: [context.token, ...(context.secrets ?? [])] });
  const auth: GitAuth = { serverUrl: context.serverUrl, token: context.token };

  await ensureCommit(root, auth, pr.headSha);
  const applied =
    change.tree === undefined
      ? await applyPatchToTree(root, pr.headSha, change.patch)
      : await treeOnBase(root, pr.headSha, change.tree);
  if (!applied.ok) {
    throw new GreenlightError(
      'git',
      `the fix does not apply to the recorded head ${pr.headSha.slice(0, 12)}: ${applied.message}. Re-run /fix on a fresh checkout of the pull request.`,
    );
  }
  if (applied.tree === applied.baseTree) {
    return {
      kind: 'refused',
      reason: 'no-changes',
      message: "The fix is empty: nothing differs from the pull request's head, so nothing was pushed.",
    };
  }
  const fixOnly = await classifyRange(root, applied.baseTree, applied.tree, config);
  const violations = checkPublishPaths(fixOnly.changes, config.paths);
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
    changes: fixOnly.changes,
  });
  if (refusal !== null) return refusal;
  const subject = pullRequestTitle({
    mode: 'fix',
    title: fixSubject(pr),
    paths: fixOnly.changes.map((c) => c.path),
  });
  const message = commitMessage({
    subject,
    mode: 'fix',
    prNumber: pr.number,
    serverUrl: context.serverUrl,
    ...(pr.origin === undefined ? {} : { origin: pr.origin }),
    ...(context.requester === undefined ? {} : { requester: context.requester }),
    ...(change.kind === 'gave-up' ? { stopped: change.stop?.message ?? 'the loop gave up' } : {}),
  });
  const commit = await commitTree(root, applied.tree, pr.headSha, message, {
    name: config.commit.authorName,
    email: config.commit.authorEmail,
  });
  if (change.kind === 'gave-up') return pushWorkInProgress(context, pr, change, commit, auth, redactor, fixOnly.risk);
  const localBranch = await keepCommit(root, `greenlight/fix-pr-${pr.number}`, commit);

  // The whole pull request, as reviewers will see it: merge base with its base branch … new head.
  const mergeBase = await findMergeBase(root, auth, pr.baseRef, commit);
  const risk = raisedBy((await classifyRange(root, mergeBase, commit, config)).risk, change);

  const current = await forge.getPullRequest(pr.number);
  if (current.state !== 'open') {
    return {
      kind: 'refused',
      reason: 'pr-closed',
      message: `Pull request #${pr.number} is ${current.merged ? 'merged' : 'closed'}; nothing was pushed.`,
    };
  }
  if (current.headSha !== pr.headSha) return headMoved(pr, current.headSha);
  const kept = { sha: commit, parent: pr.headSha, branch: pr.headRef, risk, role: 'fix' as const };
  if (context.dryRun) {
    await context.evidence?.({ ...kept, pushed: false });
    return { kind: 'dry-run', branch: pr.headRef, commitSha: commit, risk, gate: null, prNumber: pr.number };
  }

  const pushed = await pushBranch(root, auth, { branch: pr.headRef, commit, lease: pr.headSha });
  if (!pushed.ok) {
    if (pushed.rejection === 'stale' || pushed.rejection === 'non-fast-forward') {
      return headMoved(pr, (await readRemoteBranch(root, auth, pr.headRef)) ?? undefined);
    }
    throw pushRejectedError({ root, branch: pr.headRef, commit, localBranch, reason: pushed.reason }, redactor);
  }
  await context.evidence?.({ ...kept, pushed: true });

  const memo = await previousMemo(forge, pr.headSha);
  const requesters = unique([
    ...(memo?.requesters ?? []),
    ...(context.requester === undefined ? [] : [context.requester.login]),
    ...(current.author.isBot || current.author.login.endsWith('[bot]') ? [] : [current.author.login]),
  ]);
  const finished = await finishPullRequest(context, {
    prNumber: pr.number,
    labels: current.labels,
    draft: current.draft,
    commit,
    tier: risk.tier,
    requesters,
    allowAutoMerge: false,
  });
  return {
    kind: 'pushed-fix',
    branch: pr.headRef,
    commitSha: commit,
    risk,
    gate: finished.gate,
    prNumber: pr.number,
    prUrl: current.htmlUrl,
    previousTier: memo?.tier ?? tierFromLabels(current.labels),
    ...(finished.warnings.length === 0 ? {} : { warnings: finished.warnings }),
  };
}

/**
 * A fix that gave up is not pushed onto the pull request (its branch is what reviewers
 * approve): it goes to `greenlight/fix-pr-<n>-wip`, based on the recorded head, and the
 * result links the comparison for the progress comment.
 */
async function pushWorkInProgress(
  context: PublishContext,
  pr: FixTarget,
  change: ChangeToPublish,
  commit: string,
  auth: GitAuth,
  redactor: Redactor,
  risk: RiskAssessment,
): Promise<PublishResult> {
  const { root, config } = context;
  const branch = `greenlight/fix-pr-${pr.number}-wip`;
  const localBranch = await keepCommit(root, branch, commit);
  const kept = { sha: commit, parent: pr.headSha, branch, risk, role: 'work-in-progress' as const };
  if (context.dryRun) {
    await context.evidence?.({ ...kept, pushed: false });
    return { kind: 'dry-run', branch, commitSha: commit, risk, gate: null, prNumber: pr.number };
  }
  await pushOwnBranch(auth, redactor, {
    root,
    branch,
    base: pr.headSha,
    authorEmail: config.commit.authorEmail,
    commit,
    localBranch,
  });
  await context.evidence?.({ ...kept, pushed: true });
  return {
    kind: 'pushed-branch',
    branch,
    commitSha: commit,
    risk,
    gate: null,
    compareUrl: compareUrl(context.serverUrl, context.forge.repo, pr.headRef, branch),
    reason: change.stop?.message ?? 'The loop gave up.',
  };
}

function fixSubject(pr: FixTarget): string {
  switch (pr.origin?.kind) {
    case 'repair':
      return `repair CI of #${pr.number} (attempt ${pr.origin.attempt})`;
    case 'review':
      return `address review ${pr.origin.reviewId} on #${pr.number}`;
    default:
      return pr.instruction?.trim() || `address /fix on #${pr.number}`;
  }
}

function headMoved(pr: FixTarget, currentHeadSha: string | undefined): PublishResult {
  const moved = `The head of #${pr.number} moved from ${pr.headSha.slice(0, 7)}${currentHeadSha === undefined ? '' : ` to ${currentHeadSha.slice(0, 7)}`}`;
  const next =
    pr.origin?.kind === 'repair'
      ? 'The new head gets its own CI run, and greenlight repairs that one if it fails.'
      : 'Comment /fix again to work on the new head.';
  return {
    kind: 'refused',
    reason: 'head-moved',
    ...(currentHeadSha === undefined ? {} : { currentHeadSha }),
    message: `${moved} after greenlight started. greenlight works only on the commit that was current when it was asked and never pushes over someone else's commit, so nothing was pushed. ${next}`,
  };
}

/**
 * The merge base of the new head and the base branch on origin. A shallow checkout may
 * not have it; then history is fetched in full once (classification must not guess).
 */
async function findMergeBase(root: string, auth: GitAuth, baseRef: string, head: string): Promise<string> {
  let baseTip = await fetchBranch(root, auth, baseRef);
  let found = await runGit(root, ['merge-base', baseTip, head]);
  if (found.exitCode !== 0 && (await runGit(root, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true') {
    baseTip = await fetchBranch(root, auth, baseRef, 'unshallow');
    found = await runGit(root, ['merge-base', baseTip, head]);
  }
  if (found.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `the pull request's head has no common history with ${baseRef}: check out with fetch-depth: 0 so greenlight can classify the whole pull request.`,
    );
  }
  return found.stdout.trim();
}

async function previousMemo(forge: Forge, headSha: string) {
  for (const run of await forge.listCheckRuns(headSha, GATE_CHECK_NAME)) {
    const memo = parseGateMemo(run.externalId);
    if (memo !== null) return memo;
  }
  return null;
}

function tierFromLabels(labels: readonly string[]): RiskTier | null {
  const label = labels.find((l) => /^risk:/i.test(l));
  const tier = label?.slice(5).toLowerCase();
  return tier === 'low' || tier === 'low-medium' || tier === 'medium' || tier === 'high' || tier === 'critical'
    ? tier
    : null;
}

function unique(logins: string[]): string[] {
  const seen = new Set<string>();
  return logins.filter((login) => !seen.has(login.toLowerCase()) && (seen.add(login.toLowerCase()), true));
}
