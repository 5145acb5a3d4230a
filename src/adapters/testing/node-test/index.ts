import { parseJunitXml } from '../../../core/testing/parse-junit-xml.ts';
import { extendCommand, reportPath } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { CANNOT_NARROW, selectTestFiles } from '../select-test-files.ts';

const REPORT = 'node-test.xml';

/**
 * node:test: the junit reporter is requested through NODE_OPTIONS, because node stops
 * reading options at the first file argument (`node --test test/ --x` would not see
 * `--x`) and because it also reaches `node --test` inside scripts that are not a
 * single command. The spec reporter keeps the output readable.
 */
export const nodeTestAdapter: RunnerAdapter = {
  id: 'node-test',
  reportExpected: true,
  prepare({ plan, selection, reportDir, files }) {
    if (/--test-reporter\b/.test(plan.body)) {
      // node refuses reporters from NODE_OPTIONS and the command line together unless every one has a destination.
      return {
        command: plan.command,
        env: {},
        scope: 'all',
        notes: ['the test command chooses its own node:test reporter, so greenlight cannot add one'],
        reportRequested: false,
      };
    }
    const env = {
      NODE_OPTIONS: `--test-reporter=junit --test-reporter-destination=${reportPath(reportDir, REPORT)} --test-reporter=spec --test-reporter-destination=stdout`,
    };
    const subset = selectTestFiles(selection, files);
    if (subset.files === null) return { command: plan.command, env, scope: 'all', notes: subset.notes };
    // Files can only be appended when the command names none itself.
    const namesFiles = plan.invocation?.args.some((a) => !a.startsWith('-')) ?? true;
    const narrowed = namesFiles ? null : extendCommand(plan, subset.files);
    if (narrowed === null) return { command: plan.command, env, scope: 'all', notes: [CANNOT_NARROW] };
    return { command: narrowed, env, scope: subset.scope, notes: subset.notes };
  },
  parse({ reports, roots }) {
    const text = reports[REPORT];
    return text === undefined ? null : parseJunitXml(text, roots, 'node-test');
  },
};
