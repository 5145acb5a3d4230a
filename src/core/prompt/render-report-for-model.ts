import type { TestCaseResult, TestReport } from '../../ports/test-runner.ts';

const CUT = '\n[… cut to fit the budget]';

/** How useful a failure is to the model: lower comes first. */
function rank(test: TestCaseResult): number {
  const message = test.message ?? '';
  if (test.status === 'errored') return 4;
  if (/time(d)? ?out|timeout of|exceeded timeout/i.test(message)) return 3;
  if (/assert|expect(ed)?\b|received|!==|left == right|to (be|equal)/i.test(message)) return 1;
  return 2;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 24))}\n[… ${text.length - max + 24} chars cut]`;
}

function block(test: TestCaseResult, maxChars: number): string {
  const where = test.file === null ? '' : ` ${test.file}${test.line === undefined ? '' : `:${test.line}`}`;
  const label = test.status === 'errored' ? 'ERROR' : 'FAILED';
  const parts = [`${label}${where} — ${test.name}`];
  const message = test.message ?? '';
  if (message !== '') parts.push(indent(clip(message, maxChars)));
  if (test.stack !== undefined && test.stack !== '') parts.push(indent(test.stack.split('\n').slice(0, 3).join('\n')));
  return parts.join('\n');
}

function header(report: TestReport): string {
  const t = report.totals;
  const counts = [
    t.failed > 0 ? `${t.failed} failed` : '',
    t.errored > 0 ? `${t.errored} errored` : '',
    `${t.passed} passed`,
    t.skipped > 0 ? `${t.skipped} skipped` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  const lines = [
    `Tests: ${counts} (${t.total} total) — \`${report.command}\` (${report.runner}), exit code ${report.exitCode ?? 'none'}, ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  if (report.timedOut) lines.push('The run TIMED OUT and was stopped; results are incomplete.');
  else if (report.crashed) lines.push('The test suite could not run (crashed): see the errors and output below.');
  if (report.scope === 'related' || report.scope === 'tests')
    lines.push(
      `Only a subset ran (${report.scope === 'related' ? 'tests related to the changed files' : 'the requested tests'}).`,
    );
  for (const note of report.notes ?? []) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

/**
 * A compact, plain-text rendering of a report for the model: totals, then failures
 * (assertion failures with expected/actual first, then other errors, timeouts, and
 * files or suites that could not run), then the output tail when it is the only
 * evidence. Never longer than `budgetChars`; every cut is marked.
 */
export function renderReportForModel(report: TestReport, budgetChars: number): string {
  const budget = Math.max(0, Math.floor(budgetChars));
  const failures = report.tests
    .map((test, index) => ({ test, index }))
    .filter(({ test }) => test.status === 'failed' || test.status === 'errored')
    .sort((a, b) => rank(a.test) - rank(b.test) || a.index - b.index)
    .map(({ test }) => test);

  let text = header(report);
  const perFailure = Math.max(300, Math.min(2000, Math.floor(budget / 4)));
  const reserve = 160;
  let shown = 0;
  for (const test of failures) {
    const next = `\n\n${block(test, perFailure)}`;
    if (text.length + next.length > budget - reserve && shown > 0) break;
    text += next;
    shown += 1;
  }
  if (shown < failures.length) {
    const rest = failures.slice(shown);
    let marker = `\n\n[… ${rest.length} more failing test${rest.length === 1 ? '' : 's'} not shown: `;
    const ids: string[] = [];
    for (const test of rest) {
      if (marker.length + ids.join(', ').length + test.id.length + 8 > reserve) break;
      ids.push(test.id);
    }
    marker += `${ids.length > 0 ? ids.join(', ') : ''}${ids.length < rest.length ? (ids.length > 0 ? ', …' : '…') : ''}]`;
    text += marker;
  }

  const tailUseful =
    !report.structured || report.crashed || report.timedOut || failures.some((t) => t.status === 'errored');
  const tail = report.outputTail.trim();
  if (tailUseful && tail !== '') {
    const room = budget - text.length - '\n\nOutput (end):\n'.length - 40;
    if (room > 80) {
      const kept =
        tail.length <= room ? tail : `[… ${tail.length - room} chars cut]\n${tail.slice(tail.length - room)}`;
      text += `\n\nOutput (end):\n${kept}`;
    }
  }
  if (text.length > budget) {
    text = budget <= CUT.length ? text.slice(0, budget) : `${text.slice(0, budget - CUT.length)}${CUT}`;
  }
  return text;
}
