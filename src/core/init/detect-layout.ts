/**
 * What `greenlight init` needs to know about a repository to write a workflow that
 * installs it: the JavaScript package client (chosen by the engine's own
 * `detectPackageClient`), the Python projects and how to install them, the engine's
 * test command (`detectTestCommand`, so the workflow installs what the run will use),
 * and the other workflows whose failures CI repair should follow. README
 * "greenlight init" lists what each layout gets.
 */
import { isGreenlightError } from '../../ports/errors.ts';
import { detectPackageClient } from '../testing/detect-package-client.ts';
import { DETECTION_FILES, detectTestCommand, type ProjectFacts } from '../testing/detect-test-command.ts';
import type { PackageClient } from '../testing/test-plan.ts';

export interface NodeLayout {
  client: PackageClient;
  /** Why that client: "pnpm-lock.yaml → pnpm". */
  evidence: string;
  /** The client's lockfile at the root, when there is one (install then refuses to change it). */
  lockfile: string | null;
  /** package.json names the client's version (`packageManager`): its setup action reads it from there. */
  pinned: boolean;
  /** Yarn 2 or later (`.yarnrc.yml`, or `packageManager: yarn@2+`). */
  yarnBerry: boolean;
  /** `.nvmrc` or `.node-version`, for `node-version-file`. */
  versionFile: string | null;
}

export interface PythonProject {
  /** Directory relative to the root; '' for the root. */
  dir: string;
  /** Requirement files to `pip install -r`, relative to the root. */
  requirements: string[];
  /** pyproject.toml or setup.py that makes the directory an installable package. */
  manifest: string | null;
  /** Optional-dependency groups of pyproject.toml worth installing for tests (`test`, `dev`). */
  extras: string[];
  /** pytest appears in the requirements or the manifest. */
  listsPytest: boolean;
}

export interface RepositoryLayout {
  node: NodeLayout | null;
  python: PythonProject[];
  /** `.python-version`, for `python-version-file`. */
  pythonVersionFile: string | null;
  /** The engine's test command and why; command null when detection found none. */
  test: { command: string | null; reason: string; runner: string | null };
  /** `name:` of the repository's other workflows that run on pushes or pull requests (CI repair follows them). */
  ciWorkflows: string[];
  /** Other workflow files that already run greenlight (besides the ones init writes). */
  otherGreenlightWorkflows: string[];
}

const REQUIREMENTS = [
  'requirements.txt',
  'requirements-dev.txt',
  'requirements-test.txt',
  'dev-requirements.txt',
  'test-requirements.txt',
  'requirements/dev.txt',
  'requirements/test.txt',
];
const MANIFESTS = ['pyproject.toml', 'setup.py'];
const TEST_EXTRAS = ['test', 'tests', 'testing', 'dev'];

const join = (dir: string, file: string) => (dir === '' ? file : `${dir}/${file}`);

/** Directories that hold a Python project: the root, and top-level folders with a package manifest. */
function pythonDirs(files: ReadonlySet<string>): string[] {
  const dirs = new Set<string>();
  if ([...MANIFESTS, ...REQUIREMENTS].some((file) => files.has(file))) dirs.add('');
  for (const file of files) {
    const match = /^([^/]+)\/(pyproject\.toml|setup\.py)$/.exec(file);
    // Only plain folder names: the name goes into a `run:` line, where `${{` would be evaluated.
    if (match !== null && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(match[1]!)) dirs.add(match[1]!);
  }
  return [...dirs].sort();
}

const isWorkflow = (file: string) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file);

/**
 * The files whose text `detectLayout` reads, besides their existence: the engine's
 * detection files, the Python requirement files and manifests, and the workflows.
 */
export function layoutFilesToRead(files: readonly string[]): string[] {
  const present = new Set(files);
  const wanted = new Set<string>(DETECTION_FILES.filter((file) => present.has(file)));
  for (const dir of pythonDirs(present))
    for (const file of [...MANIFESTS, ...REQUIREMENTS]) if (present.has(join(dir, file))) wanted.add(join(dir, file));
  for (const file of files) if (isWorkflow(file)) wanted.add(file);
  return [...wanted].sort();
}

function nodeLayout(facts: ProjectFacts, present: ReadonlySet<string>): NodeLayout | null {
  const text = facts.texts['package.json'];
  if (text === undefined) return null;
  let pkg: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      pkg = parsed as Record<string, unknown>;
  } catch {
    // detectTestCommand reports an invalid package.json in its reason; the client falls back to lockfiles.
  }
  const { client, evidence } = detectPackageClient(present, pkg['packageManager']);
  const declared = typeof pkg['packageManager'] === 'string' ? pkg['packageManager'] : '';
  const lockfiles: Record<PackageClient, string[]> = {
    npm: ['package-lock.json', 'npm-shrinkwrap.json'],
    pnpm: ['pnpm-lock.yaml'],
    yarn: ['yarn.lock'],
    bun: ['bun.lock', 'bun.lockb'],
  };
  return {
    client,
    evidence,
    lockfile: lockfiles[client].find((file) => present.has(file)) ?? null,
    pinned: declared.startsWith(`${client}@`),
    yarnBerry: client === 'yarn' && (present.has('.yarnrc.yml') || /^yarn@([2-9]|\d{2,})/.test(declared)),
    versionFile: ['.nvmrc', '.node-version'].find((file) => present.has(file)) ?? null,
  };
}

/** `[project.optional-dependencies]` groups of a pyproject.toml that tests usually need. */
function testExtras(pyproject: string | undefined): string[] {
  if (pyproject === undefined) return [];
  const section = /^\[project\.optional-dependencies\][^\n]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(pyproject)?.[1] ?? '';
  const groups = [...section.matchAll(/^\s*["']?([A-Za-z0-9_.-]+)["']?\s*=/gm)].map((match) => match[1]!);
  return TEST_EXTRAS.filter((extra) => groups.includes(extra));
}

function pythonProject(dir: string, facts: ProjectFacts, present: ReadonlySet<string>): PythonProject {
  const requirements = REQUIREMENTS.map((file) => join(dir, file)).filter((file) => present.has(file));
  const manifest = MANIFESTS.map((file) => join(dir, file)).find((file) => present.has(file)) ?? null;
  const pyproject = facts.texts[join(dir, 'pyproject.toml')];
  // A pyproject.toml that only configures tools (black, pytest) is not a package pip can install.
  const installable =
    manifest !== null &&
    (manifest.endsWith('setup.py') || /^\[(project|build-system|tool\.poetry)\]/m.test(pyproject ?? ''));
  const texts = [...requirements, ...(manifest === null ? [] : [manifest])].map((file) => facts.texts[file] ?? '');
  return {
    dir,
    requirements,
    manifest: installable ? manifest : null,
    extras: installable ? testExtras(pyproject) : [],
    listsPytest: texts.some((text) => /(^|[\s"'[,])pytest\b/m.test(text)),
  };
}

/** The `name:` of each other workflow that runs on pushes or pull requests. */
function ciWorkflows(facts: ProjectFacts, ownFiles: readonly string[]): string[] {
  const names: string[] = [];
  for (const file of facts.files.filter(isWorkflow).sort()) {
    if (ownFiles.includes(file)) continue;
    const text = facts.texts[file] ?? '';
    if (/greenlight-bot\/greenlight@/.test(text)) continue;
    const name = /^name:\s*["']?([^"'\n#]+?)["']?\s*(#.*)?$/m.exec(text)?.[1];
    if (name !== undefined && /^\s*(push|pull_request)\s*:|^on:\s*\[?[^\n]*\b(push|pull_request)\b/m.test(text))
      names.push(name);
  }
  return names;
}

/**
 * @param facts the workspace's files and the texts of `layoutFilesToRead(files)`; its
 *   `configCommand` is the config's `tests.command`, which detection honours first
 * @param ownFiles the workflow files init writes, left out of `ciWorkflows`
 */
export function detectLayout(facts: ProjectFacts, ownFiles: readonly string[] = []): RepositoryLayout {
  const present = new Set(facts.files);
  let test: RepositoryLayout['test'];
  try {
    const plan = detectTestCommand(facts);
    test = { command: plan.command, reason: plan.reason, runner: plan.runner };
  } catch (error) {
    if (!isGreenlightError(error, 'no-test-command')) throw error;
    test = { command: null, reason: error.message, runner: null };
  }
  return {
    node: nodeLayout(facts, present),
    // A pyproject.toml that only configures tools in a JavaScript repository is no Python project.
    python: pythonDirs(present)
      .map((dir) => pythonProject(dir, facts, present))
      .filter((p) => p.requirements.length > 0 || p.manifest !== null || (p.dir === '' && test.runner === 'pytest')),
    pythonVersionFile: present.has('.python-version') ? '.python-version' : null,
    test,
    ciWorkflows: ciWorkflows(facts, ownFiles),
    otherGreenlightWorkflows: facts.files
      .filter((file) => isWorkflow(file) && !ownFiles.includes(file))
      .filter((file) => /greenlight-bot\/greenlight@/.test(facts.texts[file] ?? ''))
      .sort(),
  };
}
