import { parseMochaJson } from '../../../core/testing/parse-mocha-json.ts';
import { extendCommand, reportPath } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { CANNOT_NARROW, selectTestFiles } from '../select-test-files.ts';

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
    const all = extendCommand(plan, reporter) ?? plan.command;
    const subset = selectTestFiles(selection, files);
    if (subset.files === null) return { command: all, env: {}, scope: 'all', notes: subset.notes };
    const narrowed = extendCommand(plan, [...reporter, ...subset.files]);
    if (narrowed === null) return { command: all, env: {}, scope: 'all', notes: [CANNOT_NARROW] };
    return { command: narrowed, env: {}, scope: subset.scope, notes: subset.notes };
  },
  parse({ reports, roots }) {
    const text = reports[REPORT];
    return text === undefined ? null : parseMochaJson(text, roots);
  },
};
