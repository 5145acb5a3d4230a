import { GreenlightError } from '../../ports/errors.ts';
import { detectJsRunner } from './detect-js-runner.ts';
import { detectPackageClient, execLauncher, scriptCommand } from './detect-package-client.ts';
import { parseRunnerCommand } from './parse-runner-command.ts';
import type { PackageClient, RunnerId, RunnerInvocation, TestPlan } from './test-plan.ts';

/** Files whose text detection reads, when they exist at the workspace root. */
export const DETECTION_FILES = [
  'package.json',
  'pyproject.toml',
  'setup.cfg',
  'tox.ini',
  'pytest.ini',
  'go.mod',
  'Cargo.toml',
  'Makefile',
  'makefile',
  'GNUmakefile',
] as const;

export interface ProjectFacts {
  /** Files of the workspace, relative paths with forward slashes. */
  files: readonly string[];
  /** Text of the DETECTION_FILES that exist, by path. */
  texts: Readonly<Partial<Record<string, string>>>;
  /** `tests.command` from the repository config, when set. */
  configCommand?: string | undefined;
}

const NPM_PLACEHOLDER = /no test specified/i;
const SCRIPT_COMMAND = /^(npm|pnpm|yarn|bun)\s+(?:(test|t)|run(?:-script)?\s+(\S+))\s*$/;

interface Parsed {
  pkg: Record<string, unknown> | null;
  pkgError: string | null;
}

function parsePackageJson(text: string | undefined): Parsed {
  if (text === undefined) return { pkg: null, pkgError: null };
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return { pkg: value as Record<string, unknown>, pkgError: null };
    return { pkg: null, pkgError: 'package.json is not a JSON object' };
  } catch (error) {
    return { pkg: null, pkgError: `package.json is not valid JSON (${(error as Error).message})` };
  }
}

function scripts(pkg: Record<string, unknown> | null): Record<string, string> {
  const value = pkg?.['scripts'];
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Runner of a script that is not a plain runner invocation but still reports through the environment. */
function opaqueRunner(body: string): RunnerId {
  if (/\bnode\b[^;&|]*\s--test\b/.test(body)) return 'node-test';
  if (/\b(pytest|py\.test)\b/.test(body)) return 'pytest';
  return 'generic';
}

function runnerNote(invocation: RunnerInvocation | null, runner: RunnerId, body: string): string {
  if (invocation !== null) return `it runs ${runner === 'node-test' ? 'node:test' : runner}`;
  if (runner === 'node-test' || runner === 'pytest') {
    return `it is not a single runner command, so ${runner === 'pytest' ? 'pytest' : 'node:test'} results are requested through the environment`;
  }
  const mentioned = /\b(vitest|jest|mocha)\b/.exec(body)?.[1];
  return mentioned === undefined
    ? 'results come from its exit code and output'
    : `it is not a single ${mentioned} command, so no reporter can be added safely: results come from its exit code and output`;
}

function planForScript(
  pkg: Record<string, unknown>,
  scriptName: string,
  client: PackageClient,
  source: TestPlan['source'],
  clientEvidence: string,
  commandOverride?: string,
): TestPlan | null {
  const body = scripts(pkg)[scriptName];
  if (body === undefined || (scriptName === 'test' && NPM_PLACEHOLDER.test(body))) return null;
  const invocation = parseRunnerCommand(body);
  const runner: RunnerId = invocation?.runner ?? opaqueRunner(body);
  const { command, append } = scriptCommand(client, scriptName);
  const shown = commandOverride ?? command;
  const origin = source === 'config' ? 'from .github/greenlight.yml (tests.command)' : 'from package.json';
  const hooks = scripts(pkg);
  return {
    runner,
    command: shown,
    reason: `using \`${shown}\` ${origin} (${clientEvidence}); the script \`${body}\`: ${runnerNote(invocation, runner, body)}`,
    source,
    invocation,
    append: invocation === null ? null : append,
    script: scriptName,
    body,
    client,
    lifecycleHooks: hooks[`pre${scriptName}`] !== undefined || hooks[`post${scriptName}`] !== undefined,
  };
}

function direct(
  runner: RunnerId,
  command: string,
  reason: string,
  source: TestPlan['source'],
  client: PackageClient | null,
): TestPlan {
  const invocation = parseRunnerCommand(command);
  return {
    runner,
    command,
    reason,
    source,
    invocation,
    append: invocation === null ? null : 'direct',
    script: null,
    body: command,
    client,
    lifecycleHooks: false,
  };
}

function planFromConfig(configCommand: string, pkg: Record<string, unknown> | null): TestPlan {
  const command = configCommand.trim();
  const script = SCRIPT_COMMAND.exec(command);
  if (script !== null && pkg !== null) {
    const client = script[1] as PackageClient;
    const plan = planForScript(pkg, script[3] ?? 'test', client, 'config', `${client} from tests.command`, command);
    if (plan !== null) return plan;
  }
  const invocation = parseRunnerCommand(command);
  const runner: RunnerId = invocation?.runner ?? opaqueRunner(command);
  const note =
    invocation === null
      ? runner === 'generic'
        ? 'results come from its exit code and output (and any JUnit XML it writes to $GREENLIGHT_REPORT_DIR)'
        : runnerNote(null, runner, command)
      : `it runs ${runner === 'node-test' ? 'node:test' : runner}`;
  return {
    runner,
    command,
    source: 'config',
    invocation,
    append: invocation === null ? null : 'direct',
    script: null,
    body: command,
    client: null,
    lifecycleHooks: false,
    reason: `using \`${command}\` from .github/greenlight.yml (tests.command); ${note}`,
  };
}

const PYTEST_CONFIG: ReadonlyArray<readonly [string, RegExp | null]> = [
  ['pytest.ini', null],
  ['pyproject.toml', /^\[tool\.pytest|^\s*["']?pytest\b/m],
  ['setup.cfg', /^\[tool:pytest\]/m],
  ['tox.ini', /^\[pytest\]/m],
];

function pytestEvidence(facts: ProjectFacts, fileSet: ReadonlySet<string>): string | null {
  for (const [file, pattern] of PYTEST_CONFIG) {
    const text = facts.texts[file];
    if (fileSet.has(file) && (pattern === null || (text !== undefined && pattern.test(text))))
      return `pytest configuration in ${file}`;
  }
  const conftest = facts.files.find((f) => /(^|\/)conftest\.py$/.test(f));
  if (conftest !== undefined) return `${conftest} found`;
  const testFile = facts.files.find((f) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f));
  return testFile === undefined ? null : `Python test files such as ${testFile}`;
}

/**
 * Decide how to run a project's tests, and explain the choice. Order: `tests.command`
 * from the config; the package.json `test` script (client chosen by lockfile, npm's
 * placeholder ignored); vitest / jest / mocha / node:test; pytest; `go test`;
 * `cargo test`; a Makefile `test` target.
 *
 * @throws GreenlightError `no-test-command` listing what was looked for.
 */
export function detectTestCommand(facts: ProjectFacts): TestPlan {
  const fileSet = new Set(facts.files);
  const { pkg, pkgError } = parsePackageJson(facts.texts['package.json']);
  if (facts.configCommand !== undefined && facts.configCommand.trim() !== '')
    return planFromConfig(facts.configCommand, pkg);

  if (pkg !== null) {
    const { client, evidence } = detectPackageClient(fileSet, pkg['packageManager']);
    const scriptPlan = planForScript(pkg, 'test', client, 'package-script', evidence);
    if (scriptPlan !== null) return scriptPlan;
    const js = detectJsRunner(facts.files, pkg);
    if (js !== null) {
      const words =
        js.runner === 'node-test'
          ? ['node', '--test']
          : [...execLauncher(client), js.runner, ...(js.runner === 'vitest' ? ['run'] : [])];
      const command = words.join(' ');
      return direct(
        js.runner,
        command,
        `using \`${command}\`: no test script in package.json, ${js.evidence}`,
        'detected',
        client,
      );
    }
  }
  const pytest = pytestEvidence(facts, fileSet);
  if (pytest !== null)
    return direct('pytest', 'python3 -m pytest', `using \`python3 -m pytest\`: ${pytest}`, 'detected', null);
  if (fileSet.has('go.mod'))
    return direct('go', 'go test ./...', 'using `go test ./...`: go.mod found', 'detected', null);
  if (fileSet.has('Cargo.toml'))
    return direct('cargo', 'cargo test', 'using `cargo test`: Cargo.toml found', 'detected', null);
  for (const makefile of ['GNUmakefile', 'makefile', 'Makefile']) {
    const text = facts.texts[makefile];
    if (text !== undefined && /^test\s*:(?!=)/m.test(text)) {
      return direct('generic', 'make test', `using \`make test\`: ${makefile} has a test target`, 'detected', null);
    }
  }
  const looked = [
    'tests.command in .github/greenlight.yml',
    pkgError ?? 'a "test" script in package.json (npm\'s "no test specified" placeholder does not count)',
    'vitest, jest or mocha config files or dependencies, node:test files (*.test.js, test/**)',
    'pytest configuration (pytest.ini, pyproject.toml, setup.cfg, tox.ini), conftest.py or test_*.py files',
    'go.mod',
    'Cargo.toml',
    'a Makefile with a test target',
  ];
  throw new GreenlightError(
    'no-test-command',
    `No test command found. greenlight looked for: ${looked.join('; ')}. Set tests.command in .github/greenlight.yml (for example \`command: npm test\` under \`tests:\`).`,
  );
}
