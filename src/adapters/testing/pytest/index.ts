import type { ParsedTests } from '../../../core/testing/build-test-report.ts';
import { FILE_CASE } from '../../../core/testing/parse-jest-json.ts';
import { parseJunitXml } from '../../../core/testing/parse-junit-xml.ts';
import { extendCommand, reportPath } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { CANNOT_NARROW, selectTestFiles } from '../select-test-files.ts';

const REPORT = 'pytest.xml';

/** pytest exit codes for "the session could not run": interrupted, internal error, usage error. */
const CRASH_EXIT_CODES = new Set([2, 3, 4]);

/**
 * pytest: options go through PYTEST_ADDOPTS, so they also reach pytest started by a
 * script or tox. xunit1 JUnit XML carries file and line; bytecode and the cache
 * provider are off so that a run leaves no files in the workspace. Named tests run
 * by node id (`tests/test_a.py::TestX::test_y`).
 */
export const pytestAdapter: RunnerAdapter = {
  id: 'pytest',
  reportExpected: true,
  prepare({ plan, selection, reportDir, files }) {
    // A --junitxml on the command line wins over PYTEST_ADDOPTS: then there is no report of ours to read.
    const ownReport = /--junit-?xml\b/.test(plan.body);
    const env = {
      PYTEST_ADDOPTS: `${ownReport ? '' : `--junitxml=${reportPath(reportDir, REPORT)} -o junit_family=xunit1 `}-p no:cacheprovider`,
      PYTHONDONTWRITEBYTECODE: '1',
    };
    const base = ownReport ? { reportRequested: false } : {};
    const ownNote = ownReport
      ? ['the test command writes its own --junitxml report, so results come from the exit code and output']
      : [];
    const named = selection.tests ?? [];
    let targets: string[] | null;
    let scope: 'all' | 'related' | 'tests';
    let notes: string[] = [];
    if (named.length > 0) {
      targets = [
        ...new Set(named.map((id) => (id.endsWith(`::${FILE_CASE}`) ? id.slice(0, -FILE_CASE.length - 2) : id))),
      ];
      scope = 'tests';
    } else {
      const subset = selectTestFiles(selection, files);
      ({ files: targets, scope, notes } = subset);
    }
    if (targets === null) return { ...base, command: plan.command, env, scope: 'all', notes: [...ownNote, ...notes] };
    const narrowed = extendCommand(plan, targets);
    if (narrowed === null)
      return { ...base, command: plan.command, env, scope: 'all', notes: [...ownNote, CANNOT_NARROW] };
    return { ...base, command: narrowed, env, scope, notes: [...ownNote, ...notes] };
  },
  parse({ reports, roots, exitCode }): ParsedTests | null {
    const text = reports[REPORT];
    if (text === undefined) return null;
    const parsed = parseJunitXml(text, roots, 'pytest');
    return { ...parsed, crashed: exitCode !== null && CRASH_EXIT_CODES.has(exitCode) };
  },
};
