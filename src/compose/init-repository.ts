/**
 * `greenlight init`: reads a checkout (its files through git, the texts detection
 * needs, the config), decides what each file should hold (src/core/init), and writes
 * the files that are new — or, with `force`, those that differ. README "greenlight init".
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { loadProjectFacts } from '../adapters/testing/load-project-facts.ts';
import { formatConfigIssues } from '../core/config/format-config-issues.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../core/config/parse-config.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import { checkWorkflowWiring, type WiringLine } from '../core/init/check-workflow-wiring.ts';
import { detectLayout, layoutFilesToRead, type RepositoryLayout } from '../core/init/detect-layout.ts';
import { renderInitConfig } from '../core/init/render-init-config.ts';
import type { InitFileStatus } from '../core/init/render-init-report.ts';
import { renderWorkflow } from '../core/init/render-workflow.ts';
import { GreenlightError } from '../ports/errors.ts';

export const WORKFLOW_PATH = '.github/workflows/greenlight.yml';
export const GATE_WORKFLOW_PATH = '.github/workflows/greenlight-gate.yml';

export interface InitOptions {
  /** Any directory inside the checkout. */
  dir: string;
  twoJob: boolean;
  force: boolean;
  dryRun: boolean;
  label?: string | undefined;
  fixCommand?: string | undefined;
}

export interface InitFile {
  path: string;
  content: string;
  existing: string | null;
  status: InitFileStatus;
}

export interface InitResult {
  root: string;
  layout: RepositoryLayout;
  trigger: RepoConfig['trigger'];
  files: InitFile[];
  /** Files were written (not a dry run, and something was new or forced). */
  wrote: boolean;
}

async function readText(root: string, path: string): Promise<string | null> {
  try {
    return await readFile(join(root, path), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw new GreenlightError('usage', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The checkout's config, which must be valid: init adds to it and builds the workflow from it. */
async function readConfig(root: string): Promise<{ text: string | null; config: RepoConfig }> {
  const text = await readText(root, DEFAULT_CONFIG_PATH);
  const result = parseConfig(text, DEFAULT_CONFIG_PATH);
  if (!result.ok)
    throw new GreenlightError(
      'config-invalid',
      `${DEFAULT_CONFIG_PATH} is invalid, and init builds the workflow from it:\n${formatConfigIssues(result.errors)}\nFix it (greenlight config shows the same) and run greenlight init again.`,
    );
  return { text, config: result.config };
}

function statusOf(content: string, existing: string | null, force: boolean): InitFileStatus {
  if (existing === null) return 'create';
  if (existing === content) return 'unchanged';
  return force ? 'overwrite' : 'keep';
}

/** Plans every file, then writes the new (and, with `force`, the differing) ones unless `dryRun`. */
export async function initRepository(options: InitOptions): Promise<InitResult> {
  const workspace = await LocalWorkspace.open(options.dir);
  const root = workspace.root;
  const { text: configText, config } = await readConfig(root);
  const files = await workspace.listFiles();
  // The engine's own facts (detection files wherever it reads them), plus what init's layout reads.
  const facts = await loadProjectFacts(files, (path) => readText(root, path), config.tests.command);
  const texts: Record<string, string> = { ...facts.texts } as Record<string, string>;
  for (const path of layoutFilesToRead(files)) {
    if (texts[path] !== undefined) continue;
    const text = await readText(root, path);
    if (text !== null) texts[path] = text;
  }
  const layout = detectLayout({ ...facts, texts }, [WORKFLOW_PATH, GATE_WORKFLOW_PATH]);

  const configContent = renderInitConfig({
    existing: configText,
    testCommand: layout.test.command,
    trigger: { label: options.label, fixCommand: options.fixCommand },
  });
  // The flags went into the config text: validating that text validates them.
  const written = parseConfig(configContent, DEFAULT_CONFIG_PATH);
  if (!written.ok)
    throw new GreenlightError(
      'usage',
      `the config init would write is invalid:\n${formatConfigIssues(written.errors)}\nCheck --label and --fix-command.`,
    );
  const trigger = written.config.trigger;
  const planned: [string, string][] = [
    [WORKFLOW_PATH, renderWorkflow({ kind: options.twoJob ? 'two-job' : 'single-job', trigger, layout })],
    [GATE_WORKFLOW_PATH, renderWorkflow({ kind: 'gate', trigger, layout })],
    [DEFAULT_CONFIG_PATH, configContent],
  ];
  const result: InitFile[] = [];
  for (const [path, content] of planned) {
    const existing = path === DEFAULT_CONFIG_PATH ? configText : await readText(root, path);
    result.push({ path, content, existing, status: statusOf(content, existing, options.force) });
  }
  let wrote = false;
  if (!options.dryRun) {
    for (const file of result) {
      if (file.status !== 'create' && file.status !== 'overwrite') continue;
      await mkdir(dirname(join(root, file.path)), { recursive: true });
      await writeFile(join(root, file.path), file.content);
      wrote = true;
    }
  }
  return { root, layout, trigger, files: result, wrote };
}

/** The wiring lines for the checkout containing `dir`: its workflows against its config. */
export async function checkRepositoryWiring(dir: string): Promise<WiringLine[]> {
  const workspace = await LocalWorkspace.open(dir);
  const { config } = await readConfig(workspace.root);
  // Untracked workflows count: init writes them before they are committed.
  const paths = (await workspace.listFiles()).filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path));
  const workflows = [];
  for (const path of paths) {
    const text = await readText(workspace.root, path);
    if (text !== null) workflows.push({ path, text });
  }
  return checkWorkflowWiring(workflows, config);
}
