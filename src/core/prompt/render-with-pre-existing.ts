import type { TestReport } from '../../ports/test-runner.ts';
import { renderReportForModel } from './render-report-for-model.ts';

/** Renders a report within a character budget (the runner module's `renderReportForModel` by default). */
export type ReportRenderer = (report: TestReport, budgetChars: number) => string;

const NOTE = 'Pre-existing failures (already failing before the change; not caused by it): ';
const NOTE_MAX = 400;

/**
 * The test report the model sees, at most `budgetChars` long: the renderer's output
 * for the failures the change may have caused, then the failures that were there
 * before the change by id only, so that the model spends no effort on them and never
 * "fixes" them by deleting tests. Totals stay those of the whole run.
 *
 * @example
 * renderWithPreExisting(report, 6_000, new Set(['test/a.test.ts::old']))
 */
export function renderWithPreExisting(
  report: TestReport,
  budgetChars: number,
  preExisting: ReadonlySet<string>,
  render: ReportRenderer = renderReportForModel,
): string {
  const isOld = (t: TestReport['tests'][number]): boolean =>
    (t.status === 'failed' || t.status === 'errored') && preExisting.has(t.id);
  const old = report.tests.filter(isOld).map((t) => t.id);
  if (old.length === 0) return render(report, budgetChars);
  let note = `${NOTE}${old.join(', ')}`;
  if (note.length > NOTE_MAX) note = `${note.slice(0, NOTE_MAX - 2)} …`;
  const mine: TestReport = { ...report, tests: report.tests.filter((t) => !isOld(t)) };
  const room = Math.max(0, budgetChars - note.length - 1);
  return `${render(mine, room)}\n${note}`.slice(0, Math.max(0, budgetChars));
}
