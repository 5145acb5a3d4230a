import { guessRelatedTests } from '../../core/testing/guess-related-tests.ts';
import type { TestSelection } from '../../ports/test-runner.ts';
import type { TestPlan } from '../../core/testing/test-plan.ts';
import { extendCommand, selectedFiles } from './extend-command.ts';
import type { PreparedRun } from './runner-adapter.ts';

export interface FileSubset {
  /** Test files to pass to the runner; null runs everything. */
  files: string[] | null;
  scope: PreparedRun['scope'];
  notes: string[];
}

/**
 * Turn a selection into test files for runners that take files as arguments: named
 * tests run by file; changed files run the test files named after them.
 */
export function selectTestFiles(selection: TestSelection, files: readonly string[]): FileSubset {
  if (selection.tests !== undefined && selection.tests.length > 0) {
    return { files: selectedFiles(selection.tests), scope: 'tests', notes: [] };
  }
  if (selection.changedFiles !== undefined && selection.changedFiles.length > 0) {
    const related = guessRelatedTests(selection.changedFiles, files);
    if (related.tests.length === 0) {
      return {
        files: null,
        scope: 'all',
        notes: ['no test file is named after the changed files, so the whole suite ran'],
      };
    }
    const notes =
      related.unmatched.length === 0
        ? []
        : [
            `no test file is named after ${related.unmatched.join(', ')}: only the whole suite covers ${related.unmatched.length === 1 ? 'it' : 'them'}`,
          ];
    return { files: related.tests, scope: 'related', notes };
  }
  return { files: null, scope: 'all', notes: [] };
}

/** The note for a subset that could not be applied because the command cannot be extended. */
export const CANNOT_NARROW = 'the test command cannot be narrowed safely, so the whole suite ran';

/**
 * For runners that take test files as arguments: the command with the reporter words
 * and the selected files appended, or the whole suite (with the reason) when nothing
 * narrower applies or the command cannot be extended safely.
 */
export function prepareFileSubset(
  plan: TestPlan,
  selection: TestSelection,
  files: readonly string[],
  reporter: readonly string[],
): PreparedRun {
  const all = extendCommand(plan, reporter) ?? plan.command;
  const subset = selectTestFiles(selection, files);
  if (subset.files === null) return { command: all, env: {}, scope: 'all', notes: subset.notes };
  const narrowed = extendCommand(plan, [...reporter, ...subset.files]);
  if (narrowed === null) return { command: all, env: {}, scope: 'all', notes: [CANNOT_NARROW] };
  return { command: narrowed, env: {}, scope: subset.scope, notes: subset.notes };
}
