/**
 * The issue or pull request a request is about, read fresh from GitHub, or why the run
 * will not touch it — a fork, a closed or merged pull request, a closed issue, a pull
 * request labelled as an issue — with one comment that says so, and nothing else done.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { FixRoute, GenerateRoute } from '../core/github/route-event.ts';
import type { IssueInfo, PullRequestInfo } from '../ports/forge.ts';
import type { ActionContext } from './action-context.ts';
import { renderForkComment } from './comments/render-fork-comment.ts';
import { describeHeadMoved, renderTargetComment } from './comments/render-target-comment.ts';

export type Target = { kind: 'issue'; issue: IssueInfo } | { kind: 'pr'; pr: PullRequestInfo };

/** The target, or the refusal (already told to the requester). */
export async function readTarget(
  ctx: ActionContext,
  route: GenerateRoute | FixRoute,
  config: RepoConfig,
): Promise<{ value: Target } | { refusal: string }> {
  const { forge } = ctx;
  const requester = route.requester.login;
  const fixCommand = config.trigger.fixCommand;
  if (route.kind === 'fix') {
    const pr = await forge.getPullRequest(route.pr);
    if (pr.isFork) {
      await forge.createComment(pr.number, renderForkComment({ requester, headRepo: pr.headRepoFullName, fixCommand }));
      return {
        refusal: `pull request #${pr.number} comes from ${pr.headRepoFullName ?? 'a deleted fork'}; greenlight does not run fork code with secrets`,
      };
    }
    if (pr.state !== 'open') {
      await forge.createComment(
        pr.number,
        renderTargetComment({ kind: 'pr-not-open', requester, number: pr.number, merged: pr.merged, fixCommand }),
      );
      return { refusal: `pull request #${pr.number} is not open` };
    }
    return { value: { kind: 'pr', pr } };
  }
  const issue = await forge.getIssue(route.issue);
  if (issue.isPullRequest) {
    await forge.createComment(
      issue.number,
      renderTargetComment({ kind: 'issue-is-pr', requester, number: issue.number, fixCommand }),
    );
    return { refusal: `#${issue.number} is a pull request, not an issue` };
  }
  if (issue.state !== 'open') {
    await forge.createComment(
      issue.number,
      renderTargetComment({ kind: 'issue-closed', requester, number: issue.number }),
    );
    return { refusal: `issue #${issue.number} is closed` };
  }
  return { value: { kind: 'issue', issue } };
}

/**
 * docs/security.md §4: the head recorded at trigger time (the App's `head_sha`) is the
 * head worked on; when the pull request moved on since, the run stops and says why.
 */
export function headMoved(route: GenerateRoute | FixRoute, target: Target, config: RepoConfig): string | null {
  if (route.kind !== 'fix' || target.kind !== 'pr' || route.headSha === null || route.headSha === target.pr.headSha)
    return null;
  return describeHeadMoved({
    requested: route.headSha,
    now: target.pr.headSha,
    fixCommand: config.trigger.fixCommand,
    review: route.source === 'review',
  });
}
