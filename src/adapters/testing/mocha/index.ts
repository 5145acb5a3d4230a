import { parseMochaJson } from '../../../core/testing/parse-mocha-json.ts';
import { reportPath } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { prepareFileSubset } from '../select-test-files.ts';

const REPORT = 'mocha.json';

/**
 * mocha: the JSON reporter writes to a file (mocha ≥ 9 `output` option). mocha has
 * no related mode: changed files run the test files named after them.
 */
export const mochaAdapter: RunnerAdapter = {
  id: 'mocha',
  reportExpected: true,
  prepare({ plan, selection, reportDir, files }) {
    const reporter = ['--reporter', 'json', '--reporter-option', `output=${reportPath(reportDir, REPORT)}`];
    return prepareFileSubset(plan, selection, files, reporter);
  },
  parse({ reports, roots }) {
    const text = reports[REPORT];
    return text === undefined ? null : parseMochaJson(text, roots);
  },
};
