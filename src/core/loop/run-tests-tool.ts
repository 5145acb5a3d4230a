import type { ToolSpec } from '../../ports/model.ts';
import type { TestSelection } from '../../ports/test-runner.ts';

export const RUN_TESTS_TOOL = 'run_tests';

const MAX_ENTRIES = 200;

/** The custom `run_tests` tool the loop adds to the repository tools. */
export const runTestsSpec: ToolSpec = {
  kind: 'custom',
  name: RUN_TESTS_TOOL,
  description:
    "Run the project's tests in the sandbox and get a compact report (totals, then failures with message, location and stack). " +
    'Without arguments the whole suite runs. `tests`: test ids or test files to run. `files`: changed source files; ' +
    'runs the tests related to them. Failures that existed before your change are marked as pre-existing.',
  inputSchema: {
    type: 'object',
    properties: {
      tests: { type: 'array', items: { type: 'string' }, description: 'Test ids (`file::name`) or test file paths.' },
      files: { type: 'array', items: { type: 'string' }, description: 'Source files whose related tests should run.' },
    },
    additionalProperties: false,
  },
};

export type RunTestsInput = { ok: true; selection: TestSelection | undefined } | { ok: false; error: string };

/**
 * Validate the model's input. Anything malformed is an error message for the model,
 * never an exception: the model may send any JSON (or none).
 */
export function parseRunTestsInput(input: unknown): RunTestsInput {
  if (input === undefined || input === null) return { ok: true, selection: undefined };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      error: 'run_tests expects an object such as {"tests": ["test/a.test.ts"]} or {} for the whole suite.',
    };
  }
  const record = input as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => k !== 'tests' && k !== 'files');
  if (unknownKeys.length > 0)
    return {
      ok: false,
      error: `run_tests does not accept ${unknownKeys.map((k) => `"${k}"`).join(', ')}; use "tests" and/or "files".`,
    };
  const tests = stringList(record.tests, 'tests');
  if (typeof tests === 'string') return { ok: false, error: tests };
  const files = stringList(record.files, 'files');
  if (typeof files === 'string') return { ok: false, error: files };
  if (tests === undefined && files === undefined) return { ok: true, selection: undefined };
  const selection: TestSelection = {};
  if (tests !== undefined) selection.tests = tests;
  if (files !== undefined) selection.changedFiles = files;
  return { ok: true, selection };
}

function stringList(value: unknown, name: string): string[] | undefined | string {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    return `run_tests: "${name}" must be an array of non-empty strings.`;
  }
  if (value.length > MAX_ENTRIES) return `run_tests: "${name}" may list at most ${MAX_ENTRIES} entries.`;
  return value.length === 0 ? undefined : value;
}
