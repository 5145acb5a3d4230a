/**
 * Files that decide how a test run goes and what it reports, rather than what is
 * tested: test-runner configuration (`vitest.config.ts`, `jest.config.js`,
 * `pytest.ini`, the test script of `package.json`…), setup files that every test loads
 * (`vitest.setup.ts`, `conftest.py`, `test/setup.ts`…) and reporters. A change to one of
 * them can make a failing suite report success, so the engine rejects it as test
 * tampering unless the task names the file (docs/security.md §28).
 */
import type { FileChange } from '../../ports/workspace.ts';

export type HarnessRole = 'test-runner configuration' | 'test setup file' | 'test reporter';

const CODE = String.raw`\.[cm]?[jt]sx?`;
const RUNNERS = 'vitest|vite|jest|ava|karma|mocha|playwright|cypress|wdio|nightwatch|jasmine|tap|c8|nyc|babel-jest';

const CONFIG_NAMES: readonly RegExp[] = [
  new RegExp(String.raw`^(?:${RUNNERS})(?:[.-][\w-]+)*\.(?:config|conf)${CODE}$`),
  new RegExp(String.raw`^vitest\.(?:workspace|projects)${CODE}$`),
  /^(?:\.mocharc|\.c8rc|\.nycrc|\.taprc)(?:\.(?:js|cjs|mjs|json|jsonc|ya?ml))?$/,
  /^jasmine\.json$/,
  /^(?:pytest\.ini|tox\.ini|noxfile\.py|\.coveragerc)$/,
];

const SETUP_NAMES: readonly RegExp[] = [
  new RegExp(
    String.raw`^(?:setup[-_.]?tests?|tests?[-_.]?setup|global[-_.]?(?:setup|teardown)|(?:${RUNNERS})[.-]setup)${CODE}$`,
  ),
  /^conftest\.py$/,
];

/** `setup.ts` and the like count as test setup only inside a test folder. */
const SETUP_IN_TEST_DIR = new RegExp(String.raw`(?:^|/)(?:test|tests|__tests__|spec|e2e)/(?:.*/)?setup${CODE}$`);

const REPORTER_NAME = new RegExp(String.raw`reporter${CODE}$`);

/** Keys of package.json that choose the test command or configure a runner. */
const PACKAGE_KEYS = /"(?:test|pretest|posttest|test:[^"]*|jest|mocha|ava|vitest|c8|nyc)"\s*:/;
/** Sections and keys of pyproject.toml / setup.cfg that configure pytest. */
const PYTHON_KEYS = /\[tool[.:]pytest|\baddopts\b|\bpytest_plugins\b/;
/** Cargo can run test binaries through a `runner` of its choice. */
const CARGO_CONFIG = /(?:^|\/)\.cargo\/config(?:\.toml)?$/;

/**
 * The role of a changed file in running the tests, or null for any other file.
 * @example harnessRole({ path: 'vitest.config.ts', addedLines: [], removedLines: [] }) // 'test-runner configuration'
 */
export function harnessRole(change: Pick<FileChange, 'path' | 'addedLines' | 'removedLines'>): HarnessRole | null {
  const path = change.path;
  const name = (path.split('/').at(-1) ?? '').toLowerCase();
  if (CONFIG_NAMES.some((re) => re.test(name)) || CARGO_CONFIG.test(path)) return 'test-runner configuration';
  if (SETUP_NAMES.some((re) => re.test(name)) || SETUP_IN_TEST_DIR.test(path.toLowerCase())) return 'test setup file';
  if (REPORTER_NAME.test(name)) return 'test reporter';
  const lines = [...change.addedLines, ...change.removedLines];
  if (name === 'package.json' && lines.some((line) => PACKAGE_KEYS.test(line))) return 'test-runner configuration';
  if ((name === 'pyproject.toml' || name === 'setup.cfg') && lines.some((line) => PYTHON_KEYS.test(line)))
    return 'test-runner configuration';
  return null;
}

/**
 * Whether the task asks for a change to `path`: its text names the file (its path or
 * its file name, in any case). Only then is a harness change part of the work.
 */
export function taskNamesFile(taskText: string, path: string): boolean {
  const text = taskText.toLowerCase();
  const name = path.split('/').at(-1)?.toLowerCase() ?? '';
  return text.includes(path.toLowerCase()) || (name !== '' && text.includes(name));
}
