import type { RepoConfig } from '../../core/config/repo-config.ts';
import { detectTestCommand } from '../../core/testing/detect-test-command.ts';
import type { TestPlan } from '../../core/testing/test-plan.ts';
import { loadProjectFacts, type ReadWorkspaceFile } from './load-project-facts.ts';

export interface DetectOptions {
  config: Pick<RepoConfig, 'tests'>;
  /** Workspace files, relative paths. */
  files: readonly string[];
  readFile: ReadWorkspaceFile;
}

/**
 * Detect the test command of a workspace: reads package.json, pyproject.toml, go.mod,
 * Makefile… and explains the choice in `reason`.
 *
 * @throws GreenlightError `no-test-command`
 */
export async function detectWorkspaceTestCommand(options: DetectOptions): Promise<TestPlan> {
  return detectTestCommand(await loadProjectFacts(options.files, options.readFile, options.config.tests.command));
}
