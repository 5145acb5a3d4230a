/** The sections of the run report, each a markdown string (no trailing newline). */
import type { SandboxInfo } from '../../ports/sandbox.ts';
import type { TestTotals } from '../../ports/test-runner.ts';
import type { FileChange } from '../../ports/workspace.ts';
import { MODEL_CALLS_PER_ROUND, TEST_RUNS_PER_ROUND } from '../loop/effective-budgets.ts';
import type { IterationRecord, LoopReport } from '../loop/loop-outcome.ts';
import { cell, formatCount, formatDuration, formatUsd, inlineCode, plural } from './format.ts';

export function renderFiles(changes: readonly FileChange[]): string {
  if (changes.length === 0) return '### Files changed\n\nNone.';
  const rows = changes.map((c) => {
    const path =
      c.previousPath === undefined ? inlineCode(c.path) : `${inlineCode(c.previousPath)} → ${inlineCode(c.path)}`;
    const lines = c.binary ? 'binary' : `+${c.addedLines.length} −${c.removedLines.length}`;
    const mode = modeChange(c);
    return `| ${cell(path)} | ${c.status}${mode} | ${lines} |`;
  });
  return ['### Files changed', '', '| File | Change | Lines |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * A mode change worth a reviewer's eye (a file became executable, a symlink): only for
 * a file that exists on both sides. git reports an added file's old mode and a deleted
 * file's new mode as 000000, which is no change of mode at all.
 */
function modeChange(c: FileChange): string {
  if (c.status === 'added' || c.status === 'deleted') return '';
  if (c.oldMode === undefined || c.newMode === undefined || c.oldMode === c.newMode) return '';
  if (/^0+$/.test(c.oldMode) || /^0+$/.test(c.newMode)) return '';
  return ` (mode ${c.oldMode} → ${c.newMode})`;
}

export function renderTests(report: LoopReport): string {
  const { baseline, final } = report.tests;
  const row = (label: string, key: keyof TestTotals): string =>
    `| ${label} | ${formatCount(baseline[key])} | ${final === null ? '—' : formatCount(final[key])} |`;
  const lines = [
    '### Tests',
    '',
    `| | Before | After |`,
    '| --- | ---: | ---: |',
    row('Passed', 'passed'),
    row('Failed', 'failed'),
    row('Errored', 'errored'),
    row('Skipped', 'skipped'),
    row('Total', 'total'),
  ];
  if (report.tests.baselineCrashed) lines.push('', 'Before the change, the test suite could not run at all.');
  const v = report.verification;
  const preExisting = v?.preExistingFailures ?? report.tests.baselineFailures;
  if (preExisting.length > 0) lines.push('', `Failing before this change, and not caused by it: ${list(preExisting)}.`);
  if (v !== null && v.fixedFailures.length > 0)
    lines.push('', `Failing before, passing now: ${list(v.fixedFailures)}.`);
  if (v !== null && v.newTests.length > 0) lines.push('', `New tests: ${list(v.newTests)}.`);
  return lines.join('\n');
}

export function renderValidation(report: LoopReport, outcomeKind: string): string {
  const v = report.verification;
  const lines = ['### Validation', ''];
  if (outcomeKind === 'succeeded' && v !== null) {
    const pre = v.preExistingFailures.length;
    lines.push(
      `- Full test suite (${inlineCode(report.testCommand)}): passed${pre > 0 ? `, apart from ${plural(pre, 'failure')} that existed before the change` : ''}.`,
    );
    if (v.freshCheckout !== undefined)
      lines.push(
        '- Fresh checkout: the engine ran the full suite again on a clean checkout of exactly this change (tracked files, plus the installed dependencies): passed.',
      );
  } else if (outcomeKind === 'refused') {
    lines.push(`- Full test suite (${inlineCode(report.testCommand)}): no change was accepted, so none was verified.`);
  } else {
    lines.push(
      `- Full test suite (${inlineCode(report.testCommand)}): not accepted${report.stop === null ? '.' : ` — ${report.stop.message}`}`,
    );
  }
  lines.push(
    report.tampering.length === 0
      ? '- Test integrity: no existing test was deleted, skipped or weakened.'
      : `- Test integrity: the engine rejected ${plural(report.tampering.length, 'attempt')} during the run to remove or weaken tests or change how they run: ${report.tampering.map((t) => t.detail).join('; ')}.`,
  );
  const r = v?.reruns ?? null;
  if (r === null) lines.push('- Flakiness: not checked.');
  else if (r.count === 0) lines.push('- Flakiness: reruns are off (`tests.flakinessReruns: 0`).');
  else if (r.tests.length === 0) lines.push('- Flakiness: no new or changed tests to rerun.');
  else {
    const stable = r.tests.length - r.flaky.length;
    let line = `- Flakiness: ${plural(r.tests.length, 'new or changed test')} × ${r.count} reruns; ${formatCount(stable)} passed every time`;
    if (r.flaky.length > 0) line += `; flaky: ${list(r.flaky)}`;
    if (r.droppedFiles.length > 0) line += `; dropped: ${r.droppedFiles.map(inlineCode).join(', ')}`;
    lines.push(`${line}.`);
  }
  const c = v?.coverage ?? null;
  if (c === null) lines.push('- Coverage: not required.');
  else {
    const delta = c.afterPercent - c.beforePercent;
    const need = c.minDeltaPercent > 0 ? `required ≥ +${c.minDeltaPercent}` : 'required: a rise';
    lines.push(
      `- Coverage: ${c.beforePercent.toFixed(1)}% → ${c.afterPercent.toFixed(1)}% (${delta >= 0 ? '+' : ''}${delta.toFixed(1)} points; ${need}) — ${c.raised ? 'raised' : 'not raised'}.`,
    );
  }
  return lines.join('\n');
}

const RESULTS: Record<IterationRecord['result'], string> = {
  passed: 'tests passed',
  'no-changes': 'no change made',
  tampered: 'rejected: tests removed or weakened',
  'related-failed': 'related tests failed',
  'full-failed': 'full suite failed',
  crashed: 'test suite crashed',
  flaky: 'flaky tests',
  'coverage-not-raised': 'coverage not raised',
  'not-reproducible': 'failed on a fresh checkout',
  'not-reproduced': 'no test fails without the fix',
  'not-validated': 'not validated (stopped)',
};

export function renderIterations(report: LoopReport): string {
  if (report.iterationLog.length === 0) return `### Iterations\n\nNo round ran (budget: ${report.maxIterations}).`;
  const rows = report.iterationLog.map((i) => {
    const tests =
      i.tests === null
        ? '—'
        : `${formatCount(i.tests.passed)} passed, ${formatCount(i.tests.failed + i.tests.errored)} failing (${i.testScope})`;
    const turns = report.turns.filter((t) => t.iteration === i.iteration);
    const tokens = turns.reduce(
      (n, t) => n + t.usage.inputTokens + t.usage.cacheWriteTokens + t.usage.cacheReadTokens + t.usage.outputTokens,
      0,
    );
    const cost = turns.reduce((n, t) => n + t.costUsd, 0);
    return `| ${i.iteration} | ${i.modelCalls} | ${i.toolCalls} | ${formatCount(tokens)} | ${formatUsd(cost)} | ${RESULTS[i.result]} | ${tests} |`;
  });
  return [
    `### Iterations (${report.iterations} of ${report.maxIterations})`,
    '',
    '| Round | Model calls | Tool calls | Tokens | Cost | Result | Tests |',
    '| ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
  ].join('\n');
}

export function renderUsage(report: LoopReport): string {
  const u = report.usage;
  const input = u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens;
  const cached = input === 0 ? 0 : (u.cacheReadTokens / input) * 100;
  const engineMs = Math.max(0, report.wallMs - report.modelMs - report.testMs);
  return [
    '### Tokens and cost',
    '',
    '| | Tokens |',
    '| --- | ---: |',
    `| Input | ${formatCount(u.inputTokens)} |`,
    `| Cache write | ${formatCount(u.cacheWriteTokens)} |`,
    `| Cache read | ${formatCount(u.cacheReadTokens)} |`,
    `| Output | ${formatCount(u.outputTokens)} |`,
    `| **Total** | **${formatCount(report.totalTokens)}** |`,
    '',
    `Cost: **${formatUsd(report.costUsd)}** over ${plural(report.turns.length, 'model call')} to ${inlineCode(report.model)}; ` +
      `${cached.toFixed(0)}% of input tokens were read from the prompt cache.`,
    `Wall time: ${formatDuration(report.wallMs)} (model ${formatDuration(report.modelMs)}, tests ${formatDuration(report.testMs)}, engine ${formatDuration(engineMs)}).`,
  ].join('\n');
}

/**
 * What the run used against each budget: rounds, model calls, test runs, test time,
 * tokens, dollars and wall time (README "Budgets fail closed"). Counts the config left
 * unset are marked as derived from the rounds.
 */
export function renderBudgets(report: LoopReport): string {
  const b = report.budgets;
  const calls = b.derived.maxModelCalls ? ` (${MODEL_CALLS_PER_ROUND} per round)` : '';
  const reruns = b.maxTestRuns - 1 - TEST_RUNS_PER_ROUND * b.maxIterations;
  const runs = b.derived.maxTestRuns
    ? ` (1 + ${TEST_RUNS_PER_ROUND} per round${reruns > 0 ? ` + ${formatCount(reruns)} reruns` : ''})`
    : '';
  return [
    '### Budgets',
    '',
    '| | Used | Budget |',
    '| --- | ---: | ---: |',
    `| Rounds | ${formatCount(report.iterations)} | ${formatCount(b.maxIterations)} |`,
    `| Model calls | ${formatCount(report.turns.length)} | ${formatCount(b.maxModelCalls)}${calls} |`,
    `| Test runs | ${formatCount(report.testRuns)} | ${formatCount(b.maxTestRuns)}${runs} |`,
    `| Test time | ${formatDuration(report.testMs)} | part of wall time |`,
    `| Tokens | ${formatCount(report.totalTokens)} | ${formatCount(b.maxTokens)} |`,
    `| Cost | ${formatUsd(report.costUsd)} | ${formatUsd(b.maxCostUsd)} |`,
    `| Wall time | ${formatDuration(report.wallMs)} | ${formatDuration(b.maxMinutes * 60_000)} |`,
  ].join('\n');
}

export function renderSandbox(sandbox: SandboxInfo | string): string {
  if (typeof sandbox === 'string') return `### Sandbox\n\n${sandbox}`;
  const l = sandbox.limits;
  const lines = [
    '### Sandbox',
    '',
    `Generated code ran under ${inlineCode(sandbox.driver)} with network ${sandbox.networkIsolation ? 'off' : '**on**'}; ` +
      `limits: ${formatDuration(l.timeoutMs)} per command, ${formatCount(l.memoryMb)} MB memory, ${formatCount(l.maxPids)} processes, ` +
      `${formatCount(l.maxDiskMb)} MB and ${formatCount(l.maxFiles)} files written, ${formatCount(l.maxOutputBytes)} bytes of output per stream.`,
  ];
  if (sandbox.identity !== undefined) lines.push('', sandbox.identity);
  for (const warning of sandbox.warnings) lines.push('', `> [!WARNING]\n> ${warning.replace(/\n/g, '\n> ')}`);
  return lines.join('\n');
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, 20).map(inlineCode).join(', ');
  return ids.length > 20 ? `${shown} and ${ids.length - 20} more` : shown;
}
