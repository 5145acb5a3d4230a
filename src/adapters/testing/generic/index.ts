import type { ParsedTests } from '../../../core/testing/build-test-report.ts';
import { looksLikeJunit, parseJunitXml } from '../../../core/testing/parse-junit-xml.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';

/**
 * Any other command (`make test`, a script that is not a single runner command): the
 * result is its exit code and output, unless it writes JUnit XML files into
 * `$GREENLIGHT_REPORT_DIR`, which are then read as structured results.
 */
export const genericAdapter: RunnerAdapter = {
  id: 'generic',
  reportExpected: false,
  prepare({ plan, selection, reportDir }) {
    const asked = (selection.tests?.length ?? 0) > 0 || (selection.changedFiles?.length ?? 0) > 0;
    return {
      command: plan.command,
      env: { GREENLIGHT_REPORT_DIR: reportDir },
      scope: 'all',
      notes: asked ? ['the test command has no known way to run a subset, so the whole suite ran'] : [],
    };
  },
  parse({ reports, roots }): ParsedTests | null {
    const xml = Object.keys(reports)
      .filter((name) => name.endsWith('.xml'))
      .sort();
    const tests = xml
      .filter((name) => looksLikeJunit(reports[name] ?? ''))
      .flatMap((name) => parseJunitXml(reports[name] ?? '', roots, 'generic').tests);
    return tests.length === 0 ? null : { tests };
  },
};
