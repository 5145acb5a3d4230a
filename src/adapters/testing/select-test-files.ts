import { guessRelatedTests } from '../../core/testing/guess-related-tests.ts';
import type { TestSelection } from '../../ports/test-runner.ts';
import { selectedFiles } from './extend-command.ts';
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
      return { files: null, scope: 'all', notes: ['no test file is named after the changed files, so the whole suite ran'] };
    }
    const notes = related.unmatched.length === 0 ? [] : [`no test file is named after ${related.unmatched.join(', ')}: only the whole suite covers ${related.unmatched.length === 1 ? 'it' : 'them'}`];
    return { files: related.tests, scope: 'related', notes };
  }
  return { files: null, scope: 'all', notes: [] };
}

/** The note for a subset that could not be applied because the command cannot be extended. */
export const CANNOT_NARROW = 'the test command cannot be narrowed safely, so the whole suite ran';
