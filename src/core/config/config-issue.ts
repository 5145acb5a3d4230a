/**
 * One problem found in `.github/greenlight.yml`: where it is (file, line, column,
 * field path) and what is wrong, phrased for the person who edits the file.
 */

/** What kind of problem it is; `syntax` issues mean the YAML itself could not be read. */
export type ConfigIssueKind = 'syntax' | 'duplicate-key' | 'not-a-mapping' | 'unknown-key' | 'schema' | 'semantic';

export interface ConfigIssue {
  kind: ConfigIssueKind;
  /** Errors stop the run; warnings are reported and the config is still used. */
  severity: 'error' | 'warning';
  /** File name as shown to the user, e.g. `.github/greenlight.yml`. */
  source: string;
  /** Field path such as `budgets.maxIterations` or `risk.rules[0].tier`; '' for the whole file. */
  path: string;
  /** 1-based line of the offending node (or of its nearest existing ancestor). */
  line: number;
  /** 1-based column. */
  column: number;
  /** What is wrong, e.g. `expected an integer from 1 to 50, found "five"`. */
  message: string;
}
