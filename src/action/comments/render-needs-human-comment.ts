/**
 * The one comment greenlight leaves when it stops repairing CI on its pull request
 * (docs/architecture.md "CI repair"): why it stopped (the cap of `repair.maxAttempts`,
 * or no progress), what failed (run, jobs, steps, a few error lines), what was tried (the
 * repair commits, this attempt's outcome), and what a person can do. Log text is
 * untrusted: it is shown only inside code, where it cannot format, link or mention.
 */
import type { CiFailure } from '../../core/repair/ci-failure.ts';
import { failedStepOf } from '../../core/repair/ci-failure.ts';
import type { RepairCommit } from '../../core/repair/repair-attempts.ts';
import { NEEDS_HUMAN_LABEL } from '../../core/github/greenlight-labels.ts';
import { inlineCode } from '../../core/report/format.ts';

export type NeedsHumanReason =
  /** `repair.maxAttempts` repair commits are on the pull request already. */
  | { kind: 'cap'; maxAttempts: number; attempts: number }
  /** CI failed the same way on greenlight's last repair commit. */
  | { kind: 'same-failure'; sha: string }
  /** This attempt produced no verified change. */
  | { kind: 'attempt-failed'; why: string; branch: string | null; compareUrl: string | null };

export interface NeedsHumanInput {
  pr: number;
  reason: NeedsHumanReason;
  failure: CiFailure;
  /** Repair commits already on the pull request, oldest first. */
  repairs: readonly RepairCommit[];
  /** `https://github.com/acme/shop`, for commit links. */
  repoUrl: string;
  /** This greenlight run. */
  runUrl: string | null;
}

export const NEEDS_HUMAN_MARKER = '<!-- greenlight:needs-human -->';

const MAX_ERROR_LINES = 5;

function fenced(lines: readonly string[]): string {
  const text = lines.join('\n');
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function why(input: NeedsHumanInput): string {
  const { reason } = input;
  switch (reason.kind) {
    case 'cap':
      return `greenlight already made ${reason.attempts === 1 ? '1 repair commit' : `${reason.attempts} repair commits`} on this pull request, and \`repair.maxAttempts\` allows ${reason.maxAttempts}; CI still fails.`;
    case 'same-failure':
      return `CI failed the same way on greenlight's last repair commit ${inlineCode(reason.sha.slice(0, 7))}: another attempt is unlikely to do better.`;
    case 'attempt-failed':
      return `This repair attempt produced no verified change: ${reason.why}`;
  }
}

function whatFailed(input: NeedsHumanInput): string[] {
  const { run } = input.failure;
  const lines = [
    `**What failed:** [run ${run.id}](${run.url}) of ${inlineCode(run.name || run.path)} on ${inlineCode(run.headSha.slice(0, 7))}`,
    '',
  ];
  for (const job of input.failure.jobs) {
    const step = failedStepOf(job);
    lines.push(
      `- job ${inlineCode(job.name)}${step === null ? '' : ` at step ${inlineCode(step)}`}${job.url === '' ? '' : ` ([log](${job.url}))`}`,
    );
    const errors = job.excerpt?.errorLines.slice(0, MAX_ERROR_LINES) ?? [];
    if (errors.length > 0) lines.push('', fenced(errors).replace(/^/gm, '  '), '');
  }
  if (input.failure.moreJobs > 0) lines.push(`- and ${input.failure.moreJobs} more failed job(s)`);
  return lines;
}

function whatWasTried(input: NeedsHumanInput): string[] {
  const tried = input.repairs.map(
    (r) => `- repair ${r.attempt}: [${inlineCode(r.sha.slice(0, 7))}](${input.repoUrl}/commit/${r.sha})`,
  );
  const { reason } = input;
  if (reason.kind === 'attempt-failed') {
    const kept =
      reason.branch === null
        ? 'nothing was kept'
        : `the work so far is on ${inlineCode(reason.branch)}${reason.compareUrl === null ? '' : ` ([compare](${reason.compareUrl}))`}`;
    tried.push(`- repair ${input.repairs.length + 1} (this run): stopped without a verified change; ${kept}`);
  }
  return tried.length === 0 ? [] : ['**What was tried:**', '', ...tried];
}

/**
 * @example
 * renderNeedsHumanComment({ pr: 7, reason: { kind: 'cap', maxAttempts: 2 }, failure, repairs, repoUrl, runUrl })
 * // '<!-- greenlight:needs-human -->\n\n### 🙋 greenlight stopped repairing CI on #7: a human is needed\n…'
 */
export function renderNeedsHumanComment(input: NeedsHumanInput): string {
  const resume =
    input.reason.kind === 'cap'
      ? `greenlight will not repair CI on this pull request again; raise \`repair.maxAttempts\` in the configuration for more.`
      : `greenlight leaves CI on this pull request alone while it has the label; remove the label to let it try again on the next failure.`;
  const parts = [
    NEEDS_HUMAN_MARKER,
    `### 🙋 greenlight stopped repairing CI on #${input.pr}: a human is needed`,
    `**Why:** ${why(input)}`,
    whatFailed(input).join('\n').trimEnd(),
    whatWasTried(input).join('\n'),
    `Added the label ${inlineCode(NEEDS_HUMAN_LABEL)}. ${resume}${input.runUrl === null ? '' : ` ([greenlight's run](${input.runUrl}))`}`,
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
