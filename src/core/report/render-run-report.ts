/**
 * The run report: the markdown that becomes the pull-request body, the job summary and
 * the CLI's output. One renderer for every surface, so they never disagree.
 */
import type { SandboxInfo } from '../../ports/sandbox.ts';
import type { LoopOutcome } from '../loop/loop-outcome.ts';
import type { TaskRequest } from '../task/task-request.ts';
import { formatCount, formatDuration, formatUsd, inlineCode, plural } from './format.ts';
import { renderBeforeFix } from './render-before-fix.ts';
import {
  renderFiles,
  renderIterations,
  renderSandbox,
  renderTests,
  renderUsage,
  renderValidation,
} from './render-sections.ts';

export interface RunReportInput {
  outcome: LoopOutcome;
  task: TaskRequest;
  /** The sandbox in force (docs/security.md §17), or a sentence when no info object exists. */
  sandbox: SandboxInfo | string;
  /** The risk section, rendered by `renderRiskMarkdown`; omitted when absent. */
  riskMarkdown?: string;
  /** Override whether to add `Closes #n` (default: a succeeded generate run for an issue). */
  closesIssue?: boolean;
}

/**
 * @example
 * const body = renderRunReport({ outcome, task, sandbox: sandbox.info, riskMarkdown: renderRiskMarkdown(assessment, config.review) });
 */
export function renderRunReport(input: RunReportInput): string {
  const { outcome, task } = input;
  const report = outcome.report;
  const sections = [`## ${headline(outcome)}`, `${taskLine(task)}\n\n${summary(outcome)}`];
  if (outcome.kind !== 'refused') sections.push(renderFiles(outcome.changes));
  sections.push(renderTests(report), renderValidation(report, outcome.kind));
  const beforeFix = report.verification?.beforeFix ?? null;
  if (beforeFix !== null) sections.push(renderBeforeFix(beforeFix));
  if (outcome.kind === 'gave-up' && report.lastFailure !== null) {
    sections.push(`<details><summary>Last test failure report</summary>\n\n${fence(report.lastFailure)}\n\n</details>`);
  }
  sections.push(renderIterations(report), renderUsage(report), renderSandbox(input.sandbox));
  if (input.riskMarkdown !== undefined && input.riskMarkdown.trim() !== '') sections.push(input.riskMarkdown.trim());
  if (report.notes.length > 0) sections.push(['### Notes', '', ...report.notes.map((n) => `- ${n}`)].join('\n'));
  const closes = input.closesIssue ?? (outcome.kind === 'succeeded' && task.mode === 'generate');
  if (closes && task.issueNumber !== undefined) sections.push(`Closes #${task.issueNumber}`);
  return `${sections.join('\n\n')}\n`;
}

function headline(outcome: LoopOutcome): string {
  switch (outcome.kind) {
    case 'succeeded':
      return 'greenlight: change verified';
    case 'gave-up':
      return `greenlight: gave up (${outcome.reason.code})`;
    case 'refused':
      return 'greenlight: refused';
  }
}

function taskLine(task: TaskRequest): string {
  const ref =
    task.issueNumber !== undefined
      ? ` (issue #${task.issueNumber})`
      : task.pullRequestNumber !== undefined
        ? ` (pull request #${task.pullRequestNumber})`
        : '';
  const requester = task.requester === undefined ? '' : `, requested by ${inlineCode(task.requester)}`;
  return `**${task.mode === 'generate' ? 'Task' : 'Fix'}:** ${inlineCode(task.title)}${ref}${requester}; base ${inlineCode(task.baseSha.slice(0, 12))}.`;
}

function summary(outcome: LoopOutcome): string {
  const r = outcome.report;
  const spend = `${plural(r.iterations, 'round')}, ${formatCount(r.totalTokens)} tokens, ${formatUsd(r.costUsd)}, ${formatDuration(r.wallMs)}.`;
  switch (outcome.kind) {
    case 'succeeded': {
      const v = r.verification;
      const reruns =
        v?.reruns !== null && v?.reruns !== undefined && v.reruns.tests.length > 0 && v.reruns.count > 0
          ? ` ${plural(v.reruns.tests.length, 'new or changed test')} passed ${v.reruns.count} reruns each.`
          : '';
      const n = v?.preExistingFailures.length ?? 0;
      const pre = n > 0 ? ` (${plural(n, 'failure')} ${n === 1 ? 'predates' : 'predate'} the change)` : '';
      return `The engine ran the tests itself and verified this change: the full suite passes${pre}, no existing test was removed or weakened.${reruns} ${spend}`;
    }
    case 'gave-up': {
      const kept =
        r.restoredBestFromIteration === null
          ? 'The state reached when it stopped is kept'
          : r.restoredBestFromIteration === 0
            ? 'No state was better than the starting point, so nothing is changed'
            : `The best state reached (round ${r.restoredBestFromIteration}) is kept`;
      const final =
        r.tests.final === null
          ? ''
          : `: ${formatCount(r.tests.final.passed)} passed, ${formatCount(r.tests.final.failed + r.tests.final.errored)} failing`;
      return `**The loop stopped without a verified change.** ${outcome.reason.message}\n\n${kept}${final}. Review it as work in progress. ${spend}`;
    }
    case 'refused':
      return `**No change is proposed.** ${outcome.reason} ${spend}`;
  }
}

function fence(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text}\n${ticks}`;
}
