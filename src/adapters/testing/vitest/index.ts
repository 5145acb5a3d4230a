import { parseJestJson } from '../../../core/testing/parse-jest-json.ts';
import { directCommand, reportPath } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { prepareFileSubset } from '../select-test-files.ts';

const REPORT = 'vitest.json';

/**
 * vitest: the default reporter stays (readable output tail) and the JSON reporter is
 * added. Changed files run `vitest related` (vitest's own import graph) when the
 * runner can be started directly; named tests run by file filter.
 */
export const vitestAdapter: RunnerAdapter = {
  id: 'vitest',
  reportExpected: true,
  prepare({ plan, selection, reportDir, files }) {
    const reporter = [
      '--run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportPath(reportDir, REPORT)}`,
    ];
    const changed = selection.changedFiles ?? [];
    if ((selection.tests === undefined || selection.tests.length === 0) && changed.length > 0) {
      const related = directCommand(plan, (inv) => [
        ...inv.program,
        'related',
        ...inv.args.filter((a) => a !== 'run'),
        ...changed,
        ...reporter,
      ]);
      if (related !== null) return { command: related, env: {}, scope: 'related', notes: [] };
    }
    return prepareFileSubset(plan, selection, files, reporter);
  },
  parse({ reports, roots }) {
    const text = reports[REPORT];
    return text === undefined ? null : parseJestJson(text, roots);
  },
};
