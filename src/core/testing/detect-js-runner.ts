/**
 * Which JavaScript test runner a project without a usable `test` script uses:
 * vitest, jest, mocha (by config file or dependency), else node:test (by test files).
 */

type JsRunner = 'vitest' | 'jest' | 'mocha' | 'node-test';

export interface JsRunnerChoice {
  runner: JsRunner;
  /** Why, for the detection sentence: "vitest.config.ts found". */
  evidence: string;
}

const CONFIG_FILES: ReadonlyArray<readonly [Exclude<JsRunner, 'node-test'>, RegExp]> = [
  ['vitest', /^vitest\.(config|workspace)\.[cm]?[jt]s$/],
  ['jest', /^jest\.config\.([cm]?[jt]s|json)$/],
  ['mocha', /^\.mocharc\.([cm]?js|jsonc?|ya?ml)$/],
];

// node --test's default patterns, for JavaScript and (Node 24 type stripping) TypeScript.
const NODE_TEST_FILE =
  /(^|\/)(test\/.+\.[cm]?[jt]s|[^/]+[.\-_]test\.[cm]?[jt]s|test-[^/]+\.[cm]?[jt]s|test\.[cm]?[jt]s)$/;

/** Dependency names from package.json (dependencies, devDependencies). */
function dependencyNames(pkg: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const key of ['dependencies', 'devDependencies']) {
    const deps = pkg[key];
    if (deps !== null && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
  }
  return names;
}

/** Pick the runner from root config files, `jest`/`mocha` keys, dependencies and test files. */
export function detectJsRunner(files: readonly string[], pkg: Record<string, unknown>): JsRunnerChoice | null {
  const rootFiles = files.filter((f) => !f.includes('/'));
  const deps = dependencyNames(pkg);
  for (const [runner, pattern] of CONFIG_FILES) {
    const config = rootFiles.find((f) => pattern.test(f));
    if (config !== undefined) return { runner, evidence: `${config} found` };
    if ((runner === 'jest' || runner === 'mocha') && pkg[runner] !== undefined) {
      return { runner, evidence: `package.json has a "${runner}" section` };
    }
    if (deps.has(runner)) return { runner, evidence: `${runner} is a dependency in package.json` };
  }
  const testFile = files.find(
    (f) => !f.startsWith('node_modules/') && !f.includes('/node_modules/') && NODE_TEST_FILE.test(f),
  );
  if (testFile !== undefined)
    return { runner: 'node-test', evidence: `test files such as ${testFile} and no test runner dependency` };
  return null;
}
