/**
 * The review gate's check-run summary: the requirement in one sentence, every
 * reviewer's standing review and whether it counts (and why not), and a list of
 * what is still missing, so that nobody has to guess why the gate is not green.
 */
import type { RiskTier } from '../risk/tier.ts';
import type { ReviewVerdict } from './evaluate-gate.ts';
import type { Pusher } from './find-pushers.ts';

export interface GateFacts {
  tier: RiskTier;
  required: number;
  missing: number;
  spotChecked: boolean;
  spotCheckPercent: number;
  headSha: string;
  requesters: readonly string[];
  pushers: readonly Pusher[];
  verdicts: readonly ReviewVerdict[];
  blockers: readonly string[];
  codeOwner: 'not-required' | 'none-defined' | 'approved' | 'missing';
  owners: readonly string[];
}

const STATE_TEXT: Record<string, string> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes requested',
  DISMISSED: 'dismissed',
};
const short = (sha: string | null) => (sha ?? 'unknown').slice(0, 7);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const mention = (logins: readonly string[]) => logins.map((l) => `@${l}`).join(', ');

export function renderGateSummary(facts: GateFacts): string {
  const head = `\`${short(facts.headSha)}\``;
  const excluded = [
    ...(facts.requesters.length > 0 ? [`the requester (${mention(facts.requesters)})`] : []),
    ...(facts.pushers.length > 0
      ? [`those who pushed to its branch (${mention(facts.pushers.map((p) => p.login))})`]
      : []),
  ];
  const others = excluded.length > 0 ? ` other than ${excluded.join(' and ')}` : '';
  const lines: string[] = [];
  lines.push(
    facts.required === 0
      ? `**Risk tier \`${facts.tier}\`**: no approval required.`
      : `**Risk tier \`${facts.tier}\`**: needs ${plural(facts.required, 'approval')} on the latest commit (${head}) ` +
          `from people with write access${others}, not bots` +
          `${facts.codeOwner === 'not-required' ? '' : ', including a code owner of a changed file'}.`,
  );
  if (facts.spotChecked) {
    lines.push(
      '',
      `This pull request was selected for a spot check (${facts.spotCheckPercent}% of \`${facts.tier}\` pull requests), so it needs 1 approval.`,
    );
  }
  if (facts.pushers.length > 0) {
    lines.push(
      '',
      `**Not counted, because they pushed to this pull request's branch:** ${facts.pushers.map((p) => `@${p.login} (${p.why})`).join(', ')}.`,
    );
  }
  if (facts.verdicts.length > 0) {
    lines.push('', '| reviewer | standing review | counts |', '| --- | --- | --- |');
    for (const v of facts.verdicts) {
      const state = `${STATE_TEXT[v.review.state] ?? v.review.state} on \`${short(v.review.commitId)}\``;
      lines.push(`| @${v.login} | ${state} | ${v.counts ? 'yes' : `no: ${v.note}`} |`);
    }
  }
  const todo: string[] = [];
  if (facts.codeOwner === 'none-defined') {
    todo.push(
      'No CODEOWNERS rule on the default branch owns the changed files, so no approval can satisfy this tier. Add a rule for these paths to `.github/CODEOWNERS`.',
    );
  }
  if (facts.blockers.length > 0) {
    todo.push(
      `${mention(facts.blockers)} requested changes: they must approve the latest commit, or their review must be dismissed.`,
    );
  }
  if (facts.missing > 0)
    todo.push(
      `${facts.missing} more approval${facts.missing === 1 ? '' : 's'} on ${head} from someone with write access${others}.`,
    );
  if (facts.codeOwner === 'missing')
    todo.push(`An approval from a code owner of a changed file: ${facts.owners.join(', ')}.`);
  if (todo.length > 0) lines.push('', '**Missing:**', ...todo.map((t) => `- ${t}`));
  return lines.join('\n');
}
