/**
 * The last words of the progress comment: what the run produced, or what stopped it
 * and why: a run is never silent. The run report (the PR body) follows in
 * a collapsed block when there is one, so a run that gave up still shows what was
 * tried without opening the workflow log.
 */
import type { TierReview } from '../core/config/repo-config.ts';
import { inlineCode } from '../core/report/format.ts';
import type { RiskTier } from '../core/risk/tier.ts';
import type { ActionOutcome } from './action-outcome.ts';
import type { ProgressStatus } from './comments/render-progress-comment.ts';

function approvals(tier: RiskTier, review: TierReview | null): string {
  if (review === null) return `Risk tier **${tier}**.`;
  const need =
    review.approvals === 0
      ? review.spotCheckPercent > 0
        ? 'no approval unless picked for a spot check'
        : 'no approval required'
      : `${review.approvals === 1 ? '1 approval' : `${review.approvals} approvals`}${review.requireCodeOwner ? ' including a code owner' : ''} before merge`;
  return `Risk tier **${tier}**: ${need} (the \`greenlight/review-gate\` check shows what is missing).`;
}

function details(report: string | null, summary: string): string {
  if (report === null || report.trim() === '') return '';
  return `\n\n<details><summary>${summary}</summary>\n\n${report.trim()}\n\n</details>`;
}

/**
 * @param review `RepoConfig.review[tier]` of the outcome's tier, when known.
 * @param report the run report markdown, when the engine produced one.
 */
export function describeOutcome(
  outcome: ActionOutcome,
  review: TierReview | null,
  report: string | null,
): ProgressStatus {
  switch (outcome.kind) {
    case 'opened':
      return {
        kind: 'finished',
        result: 'success',
        text: `Opened #${outcome.pr.number} from branch ${inlineCode(outcome.branch)}. ${approvals(outcome.riskTier, review)}`,
      };
    case 'updated':
      return {
        kind: 'finished',
        result: 'success',
        text: `Pushed a verified commit to ${inlineCode(outcome.branch)} (#${outcome.pr.number}). ${approvals(outcome.riskTier, review)}`,
      };
    case 'gave-up': {
      const kept =
        outcome.branch === null
          ? 'There was no change worth keeping, so nothing was pushed.'
          : `The work so far is on branch ${inlineCode(outcome.branch)}${outcome.pr === null ? '' : ` (draft #${outcome.pr.number})`}: review it as work in progress, or ask again with more detail.`;
      return {
        kind: 'finished',
        result: 'warning',
        text: `**Stopped without a verified change.** ${outcome.reason}\n\n${kept}${details(report, 'What was tried')}`,
      };
    }
    case 'bundled':
      return {
        kind: 'finished',
        result: 'success',
        text: `The change ${outcome.verified ? 'was verified' : 'was not verified; its work so far'} is written to a change bundle; the publish job validates and pushes it.`,
      };
    case 'dry-run':
      return {
        kind: 'finished',
        result: outcome.verified ? 'success' : 'warning',
        text: `Dry run: the change ${outcome.verified ? 'was verified' : 'was not verified'} (risk tier **${outcome.riskTier}**), and nothing was pushed.${details(report, 'Run report')}`,
      };
    case 'published':
      return outcome.pr === null
        ? {
            kind: 'finished',
            result: outcome.verified ? 'success' : 'warning',
            text: `Published the change to branch ${inlineCode(outcome.branch)}. ${approvals(outcome.riskTier, review)}`,
          }
        : {
            kind: 'finished',
            result: outcome.verified ? 'success' : 'warning',
            text: `Published #${outcome.pr.number} from branch ${inlineCode(outcome.branch)}. ${approvals(outcome.riskTier, review)}`,
          };
    case 'gated':
      return {
        kind: 'finished',
        result: outcome.state === 'success' ? 'success' : 'warning',
        text: `Review gate: ${outcome.title}.`,
      };
    case 'failed':
      return { kind: 'finished', result: 'failure', text: `**Stopped while ${outcome.what}.** ${outcome.why}` };
    case 'needs-human':
      return {
        kind: 'finished',
        result: 'warning',
        text: `**A human is needed on #${outcome.pr.number}.** ${outcome.reason}${details(report, 'What was tried')}`,
      };
    case 'refused':
    case 'skipped':
      return { kind: 'finished', result: 'warning', text: outcome.reason };
  }
}
