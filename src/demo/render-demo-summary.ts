/**
 * The end of `greenlight demo`: what happened in numbers (rounds, tests, tier, tokens,
 * what the run would cost with the real model) and where the result is.
 */
import { resolvePrice } from '../core/cost/cost-of-usage.ts';
import type { IterationRecord, LoopOutcome } from '../core/loop/loop-outcome.ts';
import { formatCount, formatUsd, plural } from '../core/report/format.ts';
import type { TestTotals } from '../ports/test-runner.ts';
import type { ReplaySource } from './replay-label.ts';
import type { ReplayRun } from '../compose/run-replay.ts';

const ROUND_RESULTS: Record<IterationRecord['result'], string> = {
  passed: 'tests passed',
  'no-changes': 'no change made',
  tampered: 'rejected (tests removed or weakened)',
  'related-failed': 'related tests failed',
  'full-failed': 'full suite failed',
  crashed: 'test suite crashed',
  flaky: 'flaky tests',
  'coverage-not-raised': 'coverage not raised',
  'not-reproducible': 'failed on a fresh checkout',
  'not-reproduced': 'no test fails without the fix',
  'not-validated': 'not validated',
};

const OUTCOMES: Record<LoopOutcome['kind'], string> = {
  succeeded: 'change verified by the engine',
  'gave-up': 'gave up',
  refused: 'refused',
};

/** Plain-text lines; the replay label opens and closes them. */
export function renderDemoSummary(run: ReplayRun, source: ReplaySource): string[] {
  const { job, branch, originalBranch, auditPath } = run.local;
  const report = job.outcome.report;
  const where = source.dir;
  const lines = [
    '── summary ──',
    `REPLAY of ${source.kind === 'demo' ? `${source.transcript} (scripted)` : source.auditPath}: no model was called; the tests below ran for real.`,
    `Outcome:     ${OUTCOMES[job.outcome.kind]}${job.outcome.kind === 'gave-up' ? ` — ${job.outcome.reason.message}` : ''}${job.outcome.kind === 'refused' ? ` — ${job.outcome.reason}` : ''}`,
    `Iterations:  ${report.iterations} of ${report.maxIterations} — ${report.iterationLog.map(describeRound).join('; ') || 'no round ran'}`,
    `Tests:       before ${totals(report.tests.baseline)} · after ${report.tests.final === null ? '—' : totals(report.tests.final)}`,
    `Risk tier:   ${job.risk.tier} (${job.risk.files.length === 0 ? 'no files changed' : job.risk.files.map((f) => `${f.path}: ${f.reason}`).join('; ')})`,
    `Tokens:      ${formatCount(report.totalTokens)} (input ${formatCount(report.usage.inputTokens)} · cache write ${formatCount(report.usage.cacheWriteTokens)} · cache read ${formatCount(report.usage.cacheReadTokens)} · output ${formatCount(report.usage.outputTokens)})`,
    `Real cost:   ${costLine(report.model, report.costUsd)}`,
  ];
  const failedRound = report.iterationLog.find(
    (r) => r.result === 'related-failed' || r.result === 'full-failed' || r.result === 'crashed',
  );
  if (failedRound !== undefined && report.lastFailure !== null) {
    lines.push(
      `Feedback:    round ${failedRound.iteration}'s tests failed for real; the last failure report the engine sent back to the model began:`,
    );
    lines.push(...excerptLines(report.lastFailure).map((line) => `             │ ${line}`));
  }
  if (branch !== null) {
    lines.push(
      `Branch:      ${branch} in ${where} (you are on ${originalBranch})`,
      `             git -C ${where} log --stat ${originalBranch}..${branch}`,
    );
    if (source.kind === 'audit')
      lines.push(`             into your checkout: git -C ${source.checkout} fetch ${where} ${branch}:${branch}`);
  } else {
    lines.push(`Branch:      none (no change was kept) in ${where}`);
  }
  lines.push(`Audit log:   ${auditPath}`);
  lines.push(`             this run's own log; replay it with: greenlight demo --replay ${auditPath} --repo ${where}`);
  for (const divergence of run.divergences) lines.push(`DIVERGED:    ${divergence}`);
  lines.push(
    run.divergences.length === 0
      ? `REPLAY: ${plural(run.usedResponses, 'recorded model response')} replayed, the run matched the recording.`
      : 'REPLAY: the run did not follow the recording (see DIVERGED above).',
  );
  return lines;
}

function describeRound(record: IterationRecord): string {
  const tests =
    record.tests === null
      ? ''
      : ` (${formatCount(record.tests.passed)} passed, ${formatCount(record.tests.failed + record.tests.errored)} failing)`;
  return `round ${record.iteration}: ${ROUND_RESULTS[record.result]}${tests}`;
}

function totals(t: TestTotals): string {
  const failing = t.failed + t.errored;
  return `${formatCount(t.passed)} passed${failing > 0 ? `, ${formatCount(failing)} failing` : ''}${t.skipped > 0 ? `, ${formatCount(t.skipped)} skipped` : ''} (${formatCount(t.total)} total)`;
}

const FAILURE_LINES = 12;

function excerptLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.length > FAILURE_LINES ? [...lines.slice(0, FAILURE_LINES), '…'] : lines;
}

/** `3`, `0.30`, `3.75`, `0.125`: at least two decimals once there are any. */
function dollars(n: number): string {
  const text = String(n);
  const decimals = text.split('.')[1]?.length ?? 0;
  return `$${decimals === 1 ? n.toFixed(2) : text}`;
}

function costLine(model: string, usd: number): string {
  const price = resolvePrice(model);
  const p = price?.pricing;
  const rates =
    p === undefined
      ? ''
      : ` (${dollars(p.input)} input / ${dollars(p.output)} output / ${dollars(p.cacheWrite)} cache write / ${dollars(p.cacheRead)} cache read per million tokens)`;
  return `${formatUsd(usd)} — what these tokens cost with ${model} at list price${rates}`;
}
