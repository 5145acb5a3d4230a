/**
 * The workflow steps that install a repository before greenlight runs its tests, one
 * set per layout (README "greenlight init"): setup-node with the client's cache and a
 * frozen install; pnpm through `pnpm/action-setup`, yarn through corepack, bun through
 * `oven-sh/setup-bun`; setup-python and a pip install of each Python project, with
 * pytest when nothing lists it (the engine runs `python3 -m pytest`). Steps hold only
 * text greenlight chose or file paths of the repository, never event text.
 */
import type { NodeLayout, PythonProject, RepositoryLayout } from './detect-layout.ts';

export interface WorkflowStep {
  name?: string;
  uses?: string;
  with?: Record<string, string | number>;
  run?: string;
}

/** Node's major version when the repository does not name one (the Actions `node24` runtime's). */
const DEFAULT_NODE = 24;

function installCommand(node: NodeLayout): string {
  const frozen = node.lockfile !== null;
  switch (node.client) {
    case 'npm':
      return frozen ? 'npm ci' : 'npm install';
    case 'pnpm':
      return frozen ? 'pnpm install --frozen-lockfile' : 'pnpm install';
    case 'yarn':
      if (!frozen) return 'yarn install';
      return node.yarnBerry ? 'yarn install --immutable' : 'yarn install --frozen-lockfile';
    case 'bun':
      return frozen ? 'bun install --frozen-lockfile' : 'bun install';
  }
}

function nodeSteps(node: NodeLayout): WorkflowStep[] {
  const steps: WorkflowStep[] = [];
  if (node.client === 'bun') {
    // bun runs the scripts and installs; Node (preinstalled on the runner) is not needed.
    steps.push({ uses: 'oven-sh/setup-bun@v2' });
    steps.push({ name: 'Install dependencies', run: installCommand(node) });
    return steps;
  }
  if (node.client === 'pnpm') {
    // Before setup-node, whose pnpm cache asks pnpm where its store is.
    steps.push(
      node.pinned ? { uses: 'pnpm/action-setup@v4' } : { uses: 'pnpm/action-setup@v4', with: { version: 10 } },
    );
  }
  if (node.client === 'yarn') {
    // corepack provides the yarn that package.json's packageManager names (yarn 1 without it).
    steps.push({ name: 'Enable corepack', run: 'corepack enable' });
  }
  const setup: Record<string, string | number> =
    node.versionFile === null ? { 'node-version': DEFAULT_NODE } : { 'node-version-file': node.versionFile };
  // setup-node's cache needs the lockfile to key on; without one it fails the job.
  if (node.lockfile !== null) setup['cache'] = node.client;
  steps.push({ uses: 'actions/setup-node@v4', with: setup });
  steps.push({ name: 'Install dependencies', run: installCommand(node) });
  return steps;
}

/** Quote a path for a shell command when it needs it (paths come from the repository). */
function shellWord(word: string): string {
  return /^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function pipLines(project: PythonProject, needsPytest: boolean): string[] {
  const lines = project.requirements.map((file) => `python -m pip install -r ${shellWord(file)}`);
  if (project.manifest !== null) {
    const dir = project.dir === '' ? '.' : `./${project.dir}`;
    const target = project.extras.length === 0 ? dir : `${dir}[${project.extras.join(',')}]`;
    lines.push(`python -m pip install -e ${shellWord(target)}`);
  }
  if (needsPytest && !project.listsPytest) lines.push('python -m pip install pytest');
  return lines;
}

function pythonSteps(layout: RepositoryLayout): WorkflowStep[] {
  if (layout.python.length === 0) return [];
  const setup: Record<string, string | number> =
    layout.pythonVersionFile === null
      ? { 'python-version': '3.x' }
      : { 'python-version-file': layout.pythonVersionFile };
  const keyed = layout.python.flatMap((p) => [...p.requirements, ...(p.manifest === null ? [] : [p.manifest])]);
  if (keyed.length > 0) {
    setup['cache'] = 'pip';
    setup['cache-dependency-path'] = keyed.join('\n');
  }
  // pytest once for all projects, when the engine runs pytest and no project lists it.
  const needsPytest = layout.test.runner === 'pytest' && !layout.python.some((p) => p.listsPytest);
  const lines = ['python -m pip install --upgrade pip'];
  layout.python.forEach((project, index) => lines.push(...pipLines(project, needsPytest && index === 0)));
  return [
    { uses: 'actions/setup-python@v5', with: setup },
    { name: layout.node === null ? 'Install dependencies' : 'Install Python dependencies', run: lines.join('\n') },
  ];
}

/** The install steps for a layout; a repository with neither JavaScript nor Python gets none. */
export function setupSteps(layout: RepositoryLayout): WorkflowStep[] {
  return [...(layout.node === null ? [] : nodeSteps(layout.node)), ...pythonSteps(layout)];
}

/** One line per language for init's summary: "JavaScript (pnpm-lock.yaml → pnpm)". */
export function describeLayout(layout: RepositoryLayout): string[] {
  const lines: string[] = [];
  if (layout.node !== null) lines.push(`JavaScript with ${layout.node.client} (${layout.node.evidence})`);
  for (const project of layout.python) {
    const where = project.dir === '' ? 'at the root' : `in ${project.dir}/`;
    const from = [...project.requirements, ...(project.manifest === null ? [] : [project.manifest])];
    lines.push(`Python ${where} (${from.length === 0 ? 'no installable manifest' : from.join(', ')})`);
  }
  return lines;
}
