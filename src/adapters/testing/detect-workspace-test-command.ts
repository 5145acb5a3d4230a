import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { TestHints } from '../../core/testing/choose-test-directory.ts';
import { detectTestCommand, type ProjectFacts } from '../../core/testing/detect-test-command.ts';
import { findTestPackages } from '../../core/testing/find-test-packages.ts';
import type { TestPlan } from '../../core/testing/test-plan.ts';
import { loadProjectFacts, type ReadWorkspaceFile } from './load-project-facts.ts';
import { probeTools } from './probe-tools.ts';

export interface DetectOptions {
  config: Pick<RepoConfig, 'tests'> & Partial<Pick<RepoConfig, 'sandbox'>>;
  /** Workspace files, relative paths. */
  files: readonly string[];
  readFile: ReadWorkspaceFile;
  /**
   * The checkout and the engine's environment, to check what is installed where the
   * tests run (the PATH, node_modules/.bin, virtualenvs). Without it nothing is checked.
   */
  host?: { root: string; env: Readonly<Record<string, string | undefined>> };
  /** What the task concerns, to pick the package of a monorepo. */
  hints?: TestHints;
}

/**
 * Everything detection reads, once: manifests at the root and in package directories,
 * and (with `host`) what is installed. `detectTestCommand` is pure over it, so a caller
 * can decide again with other hints without reading anything twice.
 */
export async function loadTestFacts(options: DetectOptions): Promise<ProjectFacts> {
  const facts = await loadProjectFacts(options.files, options.readFile, {
    command: options.config.tests.command,
    directory: options.config.tests.directory,
  });
  if (options.host !== undefined) {
    facts.tools = await probeTools({
      root: options.host.root,
      env: options.host.env,
      sandboxEnv: options.config.sandbox?.env ?? [],
      dirs: findTestPackages(facts.files, facts.texts).map((p) => p.dir),
    });
  }
  if (options.hints !== undefined) facts.hints = options.hints;
  return facts;
}

/**
 * Detect the test command of a workspace: reads package.json, pyproject.toml, go.mod,
 * Makefile… at the root and in package directories, and explains the choice in `reason`.
 *
 * @throws GreenlightError `no-test-command`
 */
export async function detectWorkspaceTestCommand(options: DetectOptions): Promise<TestPlan> {
  return detectTestCommand(await loadTestFacts(options));
}
