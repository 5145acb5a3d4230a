import { parseJestJson } from '../../../core/testing/parse-jest-json.ts';
import { extendCommand, reportPath, selectedFiles } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { CANNOT_NARROW } from '../select-test-files.ts';

const REPORT = 'jest.json';

/**
 * jest: `--json --outputFile` (the console reporter keeps writing to stderr); changed
 * files use `--findRelatedTests`, named tests `--runTestsByPath`.
 */
export const jestAdapter: RunnerAdapter = {
  id: 'jest',
  reportExpected: true,
  prepare({ plan, selection, reportDir }) {
    const reporter = ['--json', `--outputFile=${reportPath(reportDir, REPORT)}`];
    const all = extendCommand(plan, reporter) ?? plan.command;
    let extra: string[] = [];
    let scope: 'all' | 'related' | 'tests' = 'all';
    if (selection.tests !== undefined && selection.tests.length > 0) {
      extra = ['--runTestsByPath', ...selectedFiles(selection.tests)];
      scope = 'tests';
    } else if (selection.changedFiles !== undefined && selection.changedFiles.length > 0) {
      // Both take the rest of the arguments as paths: they go last.
      extra = ['--findRelatedTests', ...selection.changedFiles];
      scope = 'related';
    }
    if (extra.length === 0) return { command: all, env: {}, scope, notes: [] };
    const narrowed = extendCommand(plan, [...reporter, ...extra]);
    if (narrowed === null) return { command: all, env: {}, scope: 'all', notes: [CANNOT_NARROW] };
    return { command: narrowed, env: {}, scope, notes: [] };
  },
  parse({ reports, roots }) {
    const text = reports[REPORT];
    return text === undefined ? null : parseJestJson(text, roots);
  },
};
