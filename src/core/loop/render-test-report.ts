import type { TestCaseResult, TestReport } from '../../ports/test-runner.ts';

/**
 * A compact test report for the model, at most `budgetChars` long: totals, then the
 * failures the change caused (those not in `preExisting`) with message, location and a
 * short stack, then pre-existing failures by name only. Cuts are marked. The runner
 * module's richer renderer can replace it through `LoopDeps.renderReport`.
 */
export function renderTestReport(report: TestReport, budgetChars: number, preExisting: ReadonlySet<string> = new Set()): string {
  const t = report.totals;
  const head = `Tests (\`${report.command}\`): ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped, ` +
    `${t.total} total${report.timedOut ? ' — TIMED OUT' : ''}.`;
  if (report.crashed || !report.structured) {
    const why = report.crashed ? 'The test suite could not run' : 'No per-test results are available';
    return cut(`${head}\n${why} (exit code ${report.exitCode ?? 'none'}). Output tail:\n${report.outputTail}`, budgetChars, true);
  }
  const failures = report.tests.filter((x) => x.status === 'failed' || x.status === 'errored');
  const mine = failures.filter((x) => !preExisting.has(x.id));
  const old = failures.filter((x) => preExisting.has(x.id));
  const lines = [head];
  let used = head.length;
  let shown = 0;
  for (const failure of mine) {
    const block = renderFailure(failure);
    if (used + block.length + 1 > budgetChars - 80) break;
    lines.push(block);
    used += block.length + 1;
    shown += 1;
  }
  if (shown < mine.length) lines.push(`[… ${mine.length - shown} more failure(s) not shown]`);
  if (old.length > 0) {
    lines.push(cut(`Pre-existing failures (already failing before the change; not caused by it): ${old.map((x) => x.id).join(', ')}`, 400, false));
  }
  return cut(lines.join('\n'), budgetChars, false);
}

function renderFailure(test: TestCaseResult): string {
  const where = test.file === null ? '' : ` (${test.file}${test.line === undefined ? '' : `:${test.line}`})`;
  const parts = [`${test.status.toUpperCase()} ${test.id}${where}`];
  if (test.message !== undefined && test.message !== '') parts.push(indent(cut(test.message, 800, false)));
  if (test.stack !== undefined && test.stack !== '') parts.push(indent(test.stack.split('\n').slice(0, 6).join('\n')));
  return parts.join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}

/** Shorten to `max` characters, keeping the head (or the tail), with the cut marked. */
function cut(text: string, max: number, keepTail: boolean): string {
  if (text.length <= max) return text;
  const mark = '\n[… cut …]\n';
  const keep = Math.max(0, max - mark.length);
  return keepTail ? text.slice(0, Math.floor(keep / 3)) + mark + text.slice(text.length - (keep - Math.floor(keep / 3)))
    : text.slice(0, keep) + mark.trimEnd();
}
