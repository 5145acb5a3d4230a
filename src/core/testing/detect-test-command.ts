/**
 * How to run a project's tests, and why (README "How greenlight finds your tests").
 * `tests.command` always wins. Otherwise: the package the task concerns (a monorepo's
 * member, a Python project in `backend/`), then in that package the package.json `test`
 * script with the client its lockfile names — checked to be installed, and run around
 * when it is not or when the script also lints or type-checks — then vitest, jest,
 * mocha or node:test, pytest, `go test`, `cargo test`, a Makefile `test` target.
 */
import { GreenlightError } from '../../ports/errors.ts';
import { chooseTestDirectory, type TestHints } from './choose-test-directory.ts';
import { findTestPackages, inDir, isUnder, type TestPackage } from './find-test-packages.ts';
import { opaqueRunner, parseRunnerCommand } from './parse-runner-command.ts';
import { planJavaScript } from './plan-javascript.ts';
import { projectPython, type ToolFacts } from './tool-facts.ts';
import type { RunnerId, TestPlan } from './test-plan.ts';

/** Files whose text detection reads: at the root, and in every package directory. */
export const DETECTION_FILES = [
  'package.json',
  'pnpm-workspace.yaml',
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
  /** `tests.directory` from the repository config, when set. */
  configDirectory?: string | undefined;
  /** What is installed where tests run; without it nothing is checked (commands as the project wrote them). */
  tools?: ToolFacts | undefined;
  /** What the task concerns, to pick the package of a monorepo. */
  hints?: TestHints | undefined;
}

/** What one directory's detection sees. */
export interface DirectoryFacts {
  dir: string;
  /** Files under `dir`, relative to it. */
  files: readonly string[];
  /** Detection texts of `dir`, by path relative to it. */
  texts: Readonly<Partial<Record<string, string>>>;
  /** Lockfiles of the nearest directory (itself or an ancestor) that has any, by name. */
  lockfiles: ReadonlySet<string>;
  /** Where those lockfiles are ('' the root). */
  lockDir: string;
  /** The root package.json, for its `packageManager` field. */
  rootPackage: Record<string, unknown> | null;
  tools: ToolFacts | undefined;
}

const LOCKFILES = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb', 'package-lock.json', 'npm-shrinkwrap.json'];
const PYTHON_TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test)\.py$/;

export function parsePackageJson(text: string | undefined): {
  pkg: Record<string, unknown> | null;
  pkgError: string | null;
} {
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

/** A plan for a command run as it is, with the parts detection knows about it. */
export function directPlan(
  runner: RunnerId,
  command: string,
  reason: string,
  source: TestPlan['source'],
  extra: Partial<TestPlan> = {},
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
    client: null,
    lifecycleHooks: false,
    directory: '',
    ...extra,
  };
}

function planFromConfig(facts: ProjectFacts, configCommand: string): TestPlan {
  const dir = (facts.configDirectory ?? '').replace(/^\.\//, '').replace(/\/+$/, '');
  const where = dir === '' ? '' : ` in ${dir}/ (tests.directory)`;
  const command = configCommand.trim();
  const script = /^(npm|pnpm|yarn|bun)\s+(?:(test|t)|run(?:-script)?\s+(\S+))\s*$/.exec(command);
  const local = directoryFacts(facts, dir);
  if (script !== null) {
    const viaScript = planJavaScript(local, {
      scriptName: script[3] ?? 'test',
      client: script[1] as NonNullable<TestPlan['client']>,
      commandOverride: command,
      origin: `from .github/greenlight.yml (tests.command)${where}`,
    });
    if (viaScript !== null) return { ...viaScript, source: 'config', directory: dir };
  }
  const invocation = parseRunnerCommand(command);
  const runner: RunnerId = invocation?.runner ?? opaqueRunner(command);
  const note =
    invocation !== null
      ? `it runs ${runner === 'node-test' ? 'node:test' : runner}`
      : runner === 'generic'
        ? 'results come from its exit code and output (and any JUnit XML it writes to $GREENLIGHT_REPORT_DIR)'
        : `it is not a single runner command, so ${runner === 'pytest' ? 'pytest' : 'node:test'} results are requested through the environment`;
  return directPlan(
    runner,
    command,
    `using \`${command}\` from .github/greenlight.yml (tests.command)${where}; ${note}`,
    'config',
    {
      directory: dir,
    },
  );
}

/** The detection view of one directory. */
export function directoryFacts(facts: ProjectFacts, dir: string): DirectoryFacts {
  const prefix = dir === '' ? '' : `${dir}/`;
  const files =
    dir === '' ? facts.files : facts.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const texts: Record<string, string> = {};
  for (const name of DETECTION_FILES) {
    const text = facts.texts[inDir(dir, name)];
    if (text !== undefined) texts[name] = text;
  }
  const all = new Set(facts.files);
  let lockfiles = new Set<string>();
  let lockDir = '';
  const parts = dir === '' ? [] : dir.split('/');
  for (let depth = parts.length; depth >= 0; depth -= 1) {
    const at = parts.slice(0, depth).join('/');
    const found = LOCKFILES.filter((name) => all.has(inDir(at, name)));
    if (found.length > 0) {
      lockfiles = new Set(found);
      lockDir = at;
      break;
    }
  }
  return {
    dir,
    files,
    texts,
    lockfiles,
    lockDir,
    rootPackage: parsePackageJson(facts.texts['package.json']).pkg,
    tools: facts.tools,
  };
}

const PYTEST_CONFIG: ReadonlyArray<readonly [string, RegExp | null]> = [
  ['pytest.ini', null],
  ['pyproject.toml', /^\[tool\.pytest|^\s*["']?pytest\b/m],
  ['setup.cfg', /^\[tool:pytest\]/m],
  ['tox.ini', /^\[pytest\]/m],
];

/** Why pytest runs in `local.dir`; files of Python packages nested below it are theirs, not its. */
function pytestEvidence(local: DirectoryFacts, nested: readonly string[]): string | null {
  const fileSet = new Set(local.files);
  const where = (path: string): string => inDir(local.dir, path);
  for (const [file, pattern] of PYTEST_CONFIG) {
    const text = local.texts[file];
    if (fileSet.has(file) && (pattern === null || (text !== undefined && pattern.test(text))))
      return `pytest configuration in ${where(file)}`;
  }
  const own = local.files.filter((f) => !nested.some((n) => isUnder(f, n)));
  const conftest = own.find((f) => /(^|\/)conftest\.py$/.test(f));
  if (conftest !== undefined) return `${where(conftest)} found`;
  const testFile = own.find((f) => PYTHON_TEST_FILE.test(f));
  return testFile === undefined ? null : `Python test files such as ${where(testFile)}`;
}

function pythonInstallHint(local: DirectoryFacts, python: string): string {
  const cd = local.dir === '' ? '' : `cd ${local.dir} && `;
  const requirements = ['requirements-dev.txt', 'requirements-test.txt', 'requirements/test.txt', 'requirements.txt'];
  const found = requirements.find((r) => local.files.includes(r));
  if (found !== undefined) return `${cd}${python} -m pip install -r ${found}`;
  return `${cd}${python} -m pip install -e . pytest`;
}

function planPython(local: DirectoryFacts, nested: readonly string[]): TestPlan | null {
  const evidence = pytestEvidence(local, nested);
  if (evidence === null) return null;
  const tools = local.tools;
  let python = 'python3';
  let note = '';
  if (tools !== undefined) {
    const venv = projectPython(tools, local.dir);
    if (venv !== null) {
      python = venv;
      note = `; the project's virtualenv (${inDir(local.dir, venv).replace(/(^|\/)[^/]+\/\.\.\//g, '$1')}) has the interpreter`;
    } else if (!tools.onPath.has('python3') && tools.onPath.has('python')) python = 'python';
    else if (!tools.onPath.has('python3'))
      note = '; neither python3 nor python is on the PATH, so this cannot run until one is installed';
  }
  const command = `${python} -m pytest`;
  return directPlan('pytest', command, `using \`${command}\`: ${evidence}${note}`, 'detected', {
    directory: local.dir,
    installHint: pythonInstallHint(local, python),
    ...(note === '' || python !== 'python3' ? {} : { blocked: 'neither python3 nor python is on the PATH' }),
  });
}

function toolNote(local: DirectoryFacts, program: string): string {
  return missingTool(local, program) === null
    ? ''
    : `; ${program} is not on the PATH, so this cannot run until it is installed`;
}

/** `{ blocked }` for a plan whose program is not on the PATH; empty when it is (or unknown). */
function missingTool(local: DirectoryFacts, program: string): { blocked: string } | null {
  if (local.tools === undefined || local.tools.onPath.has(program)) return null;
  return { blocked: `${program} is not on the PATH` };
}

/** The plan for one directory, or null when nothing there runs tests. */
function detectIn(facts: ProjectFacts, packages: readonly TestPackage[], dir: string): TestPlan | null {
  const local = directoryFacts(facts, dir);
  const { pkg } = parsePackageJson(local.texts['package.json']);
  if (pkg !== null) {
    const js = planJavaScript(local, { scriptName: 'test' });
    if (js !== null) return js;
  }
  const nestedPython = packages
    .filter((p) => p.dir !== dir && isUnder(p.dir, dir) && p.kinds.includes('python'))
    .map((p) => (dir === '' ? p.dir : p.dir.slice(dir.length + 1)));
  const python = planPython(local, nestedPython);
  if (python !== null) return python;
  const fileSet = new Set(local.files);
  if (fileSet.has('go.mod'))
    return directPlan(
      'go',
      'go test ./...',
      `using \`go test ./...\`: ${inDir(dir, 'go.mod')} found${toolNote(local, 'go')}`,
      'detected',
      {
        directory: dir,
        installHint: 'go mod download',
        ...missingTool(local, 'go'),
      },
    );
  if (fileSet.has('Cargo.toml'))
    return directPlan(
      'cargo',
      'cargo test',
      `using \`cargo test\`: ${inDir(dir, 'Cargo.toml')} found${toolNote(local, 'cargo')}`,
      'detected',
      {
        directory: dir,
        installHint: 'cargo fetch',
        ...missingTool(local, 'cargo'),
      },
    );
  for (const makefile of ['GNUmakefile', 'makefile', 'Makefile']) {
    const text = local.texts[makefile];
    if (text !== undefined && /^test\s*:(?!=)/m.test(text)) {
      return directPlan(
        'generic',
        'make test',
        `using \`make test\`: ${inDir(dir, makefile)} has a test target${toolNote(local, 'make')}`,
        'detected',
        { directory: dir, append: null, ...missingTool(local, 'make') },
      );
    }
  }
  return null;
}

/** Test files per package directory, for ordering the packages no hint points at. */
function testFileCounter(files: readonly string[]): (dir: string) => number {
  const test = /(^|\/)(__tests__|tests?|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.(py|go)$/;
  const tests = files.filter((f) => test.test(f));
  return (dir) => tests.filter((f) => isUnder(f, dir)).length;
}

/**
 * Decide how to run a project's tests, and explain the choice in `reason`.
 *
 * @throws GreenlightError `no-test-command` listing what was looked for.
 * @example
 * detectTestCommand({ files, texts, tools, hints: { named: ['backend/app/crud.py'], ranked: [] } })
 * // { command: 'python3 -m pytest', directory: 'backend', reason: 'using `python3 -m pytest`: … — in backend/: the task concerns backend/ (…)', … }
 */
export function detectTestCommand(facts: ProjectFacts): TestPlan {
  if (facts.configCommand !== undefined && facts.configCommand.trim() !== '')
    return planFromConfig(facts, facts.configCommand);

  const packages = findTestPackages(facts.files, facts.texts);
  const choice = chooseTestDirectory(packages, facts.hints, facts.files, testFileCounter(facts.files));
  for (const dir of choice.order) {
    const plan = detectIn(facts, packages, dir);
    if (plan === null) continue;
    const why = choice.why.get(dir);
    if (dir === '' || why === undefined) return plan;
    return { ...plan, reason: `${plan.reason} — in ${dir}/: ${why}` };
  }
  const { pkgError } = parsePackageJson(facts.texts['package.json']);
  const looked = [
    'tests.command in .github/greenlight.yml',
    pkgError ?? 'a "test" script in package.json (npm\'s "no test specified" placeholder does not count)',
    'vitest, jest or mocha config files or dependencies, node:test files (*.test.js, test/**)',
    'pytest configuration (pytest.ini, pyproject.toml, setup.cfg, tox.ini), conftest.py or test_*.py files',
    'go.mod',
    'Cargo.toml',
    'a Makefile with a test target',
  ];
  const packagesNote =
    packages.length > 1
      ? ` (in the root and in ${packages.length - 1} package director${packages.length === 2 ? 'y' : 'ies'})`
      : '';
  throw new GreenlightError(
    'no-test-command',
    `No test command found. greenlight looked for${packagesNote}: ${looked.join('; ')}. Set tests.command in .github/greenlight.yml (for example \`command: npm test\` under \`tests:\`, and \`directory: backend\` to run it in a subdirectory).`,
  );
}
