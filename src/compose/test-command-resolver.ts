/**
 * The test command greenlight would use on a checkout, as `greenlight context` and
 * `greenlight doctor` show it: the same facts and the same detection as `runJob`, so
 * what they print is what a run does.
 */
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { loadTestFacts } from '../adapters/testing/index.ts';
import type { ResolveTestCommand } from '../core/context/assemble-context.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { TestHints } from '../core/testing/choose-test-directory.ts';
import { describeTestCommand } from '../core/testing/describe-test-plan.ts';
import { detectTestCommand, type ProjectFacts } from '../core/testing/detect-test-command.ts';
import type { TestPlan } from '../core/testing/test-plan.ts';

export interface TestCommandResolver {
  facts: ProjectFacts;
  /** The plan for these hints. @throws GreenlightError('no-test-command') */
  plan(hints?: TestHints): TestPlan;
  /** For context assembly: the command and its reason, or null when there is none. */
  forContext: ResolveTestCommand;
}

/**
 * @example
 * const tests = await testCommandResolver(root, config, process.env);
 * tests.plan({ named: ['backend/app/crud.py'], ranked: [] }).directory // 'backend'
 */
export async function testCommandResolver(
  root: string,
  config: Pick<RepoConfig, 'tests' | 'sandbox'>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<TestCommandResolver> {
  const workspace = await LocalWorkspace.open(root);
  return resolverOn(workspace, config, env);
}

async function resolverOn(
  workspace: LocalWorkspace,
  config: Pick<RepoConfig, 'tests' | 'sandbox'>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<TestCommandResolver> {
  const facts = await loadTestFacts({
    config,
    files: await workspace.listFiles(),
    readFile: (path) => workspace.readFile(path),
    host: { root: workspace.root, env },
  });
  const plan = (hints?: TestHints): TestPlan => detectTestCommand(hints === undefined ? facts : { ...facts, hints });
  return {
    facts,
    plan,
    forContext: (hints) => {
      try {
        const chosen = plan(hints);
        return { command: describeTestCommand(chosen), source: chosen.reason };
      } catch {
        return null; // no test command: the context says "unknown", `greenlight run` refuses
      }
    },
  };
}
