/**
 * Which pull request a failed CI run is greenlight's to repair (docs/architecture.md
 * "CI repair"), read fresh from GitHub: open, a branch of this repository, labelled
 * `greenlight`, opened by a bot with greenlight's commit identity on its first commit
 * (greenlight never repairs a person's pull request, even one labelled `greenlight`),
 * whose head is still the commit the run tested (a newer push gets its own CI run), and
 * not already handed to a person (`greenlight:needs-human`). Each pull request that does
 * not qualify is a reason, so a skipped run says why.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import { GREENLIGHT_LABEL, NEEDS_HUMAN_LABEL } from '../core/github/greenlight-labels.ts';
import type { CommitInfo, Forge, PullRequestInfo, WorkflowRunInfo } from '../ports/forge.ts';

export type RepairTarget = { pr: PullRequestInfo; commits: CommitInfo[] } | { skipped: string };

const hasLabel = (pr: PullRequestInfo, name: string) => pr.labels.some((l) => l.toLowerCase() === name);

async function check(forge: Forge, number: number, run: WorkflowRunInfo, config: RepoConfig): Promise<RepairTarget> {
  const pr = await forge.getPullRequest(number);
  const no = (why: string): RepairTarget => ({ skipped: `#${number} ${why}` });
  if (pr.state !== 'open') return no('is not open');
  if (pr.isFork) return no('comes from a fork');
  if (!hasLabel(pr, GREENLIGHT_LABEL)) return no(`is not a greenlight pull request (no '${GREENLIGHT_LABEL}' label)`);
  if (pr.headSha !== run.headSha)
    return no(
      `moved on: its head is ${pr.headSha.slice(0, 7)}, the run tested ${run.headSha.slice(0, 7)}; the new head's CI run decides`,
    );
  if (hasLabel(pr, NEEDS_HUMAN_LABEL)) return no(`is waiting for a person (label '${NEEDS_HUMAN_LABEL}')`);
  const commits = await forge.listPullRequestCommits(number);
  const first = commits[0];
  const ours = first !== undefined && first.authorEmail.toLowerCase() === config.commit.authorEmail.toLowerCase();
  if (!pr.author.isBot || !ours)
    return no(`was not opened by greenlight (its author is @${pr.author.login}, its first commit is not greenlight's)`);
  return { pr, commits };
}

/**
 * @example
 * const target = await repairTarget(forge, route.prs, run, config);
 * if ('skipped' in target) return skipped(target.skipped);
 */
export async function repairTarget(
  forge: Forge,
  numbers: readonly number[],
  run: WorkflowRunInfo,
  config: RepoConfig,
): Promise<RepairTarget> {
  const reasons: string[] = [];
  for (const number of numbers) {
    const target = await check(forge, number, run, config);
    if ('pr' in target) return target;
    reasons.push(target.skipped);
  }
  return { skipped: reasons.join('; ') || 'the run belongs to no pull request' };
}
