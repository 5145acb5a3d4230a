/**
 * Where a job's code runs (docs/security.md §28, §31): never in the checkout it was
 * given, but in a worktree of the same repository at the base commit, with the
 * installed dependencies linked in read-only (`tests.dependencies`); and the final
 * verification of a change in another, fresh worktree of exactly the commit that would
 * be published, with the same dependencies and nothing else — no ignored or untracked
 * file a run left behind. The given checkout (the user's, for `greenlight run`) is only
 * read: its dependencies are stashed as hard links before any generated code exists.
 */
import { addWorktree, type Worktree } from '../adapters/git/add-worktree.ts';
import { stashDependencies, type DependencyStash } from '../adapters/git/dependency-stash.ts';
import { GitCheckpoints } from '../adapters/git/git-checkpoints.ts';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { git } from '../adapters/git/run-git.ts';
import { createSandbox } from '../adapters/sandbox/create-sandbox.ts';
import { createTestRunner, loadTestFacts } from '../adapters/testing/index.ts';
import { withExtraCommand } from '../adapters/testing/with-extra-command.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { FreshRun } from '../core/loop/loop-deps.ts';
import type { TestPlan } from '../core/testing/test-plan.ts';
import type { Sandbox } from '../ports/sandbox.ts';

export interface RunCheckout {
  /** The worktree the job works in. */
  readonly root: string;
  readonly dependencies: DependencyStash;
  /** A sandbox whose workspace is `workspace` (this worktree, or a fresh one). */
  sandboxFor(workspace: string): Promise<Sandbox>;
  /**
   * The loop's `verifyFresh`: the full suite on a fresh checkout of this worktree's
   * current state, with the test plan the run used (a monorepo's package, the runner
   * started directly); with `extraCommand` (a CI repair's failing step) that as well.
   */
  verifyFresh(options?: { plan?: TestPlan; extraCommand?: string }): Promise<FreshRun>;
  /** Removes the worktree and the stash. Never throws. */
  close(): Promise<void>;
}

export interface RunCheckoutOptions {
  /** The checkout the job was given (clean, at `base`). */
  repoRoot: string;
  base: string;
  config: RepoConfig;
  /** The engine's environment (the sandbox passes only its allowlist on). */
  env: Readonly<Record<string, string | undefined>>;
}

/** The identity of the throwaway commit a fresh checkout is made from (never pushed). */
const VERIFY_IDENTITY = {
  GIT_AUTHOR_NAME: 'greenlight',
  GIT_AUTHOR_EMAIL: 'greenlight@localhost',
  GIT_COMMITTER_NAME: 'greenlight',
  GIT_COMMITTER_EMAIL: 'greenlight@localhost',
};

/**
 * Opens the job's worktree at `base`, with the dependencies of `repoRoot` linked in.
 * @example
 * const checkout = await openRunCheckout({ repoRoot, base, config, env });
 * try { … runLoop(…, { verifyFresh: checkout.verifyFresh, … }) } finally { await checkout.close(); }
 */
export async function openRunCheckout(options: RunCheckoutOptions): Promise<RunCheckout> {
  const { repoRoot, base, config } = options;
  const dependencies = await stashDependencies(repoRoot, config.tests.dependencies);
  let work: Worktree;
  try {
    work = await addWorktree(repoRoot, base, 'run');
    await dependencies.linkInto(work.root);
  } catch (error) {
    await dependencies.dispose();
    throw error;
  }
  const sandboxFor = (workspace: string): Promise<Sandbox> =>
    createSandbox(config.sandbox, {
      workspace,
      parentEnv: withPathsIn(options.env, repoRoot, workspace),
      defaultTimeoutMs: config.tests.timeoutMinutes * 60_000,
    });

  return {
    root: work.root,
    dependencies,
    sandboxFor,
    async verifyFresh({ plan, extraCommand } = {}) {
      const tree = await new GitCheckpoints(work.root).save('fresh checkout');
      const commit = (
        await git(work.root, ['commit-tree', '--no-gpg-sign', tree, '-p', base, '-F', '-'], {
          env: VERIFY_IDENTITY,
          input: 'greenlight: the change under verification\n',
        })
      ).trim();
      const fresh = await addWorktree(repoRoot, commit, 'verify');
      try {
        await dependencies.linkInto(fresh.root);
        const sandbox = await sandboxFor(fresh.root);
        try {
          const workspace = new LocalWorkspace(fresh.root);
          const files = await workspace.listFiles();
          const readFile = (path: string) => workspace.readFile(path);
          // The plan the run chose (with the task's hints and what is installed), not one detected again here.
          const resolved =
            plan === undefined ? undefined : { facts: await loadTestFacts({ config, files, readFile }), plan };
          const runner = (command?: string) =>
            createTestRunner({
              workspaceRoot: fresh.root,
              config: command === undefined ? config : { tests: { ...config.tests, command } },
              sandbox,
              files,
              readFile,
              ...(command === undefined && resolved !== undefined ? { resolved } : {}),
            });
          const main = await runner();
          const tests = extraCommand === undefined ? main : withExtraCommand(main, await runner(extraCommand));
          return { tree, report: await tests.run() };
        } finally {
          await sandbox.close?.().catch(() => undefined);
        }
      } finally {
        await fresh.remove();
      }
    },
    async close() {
      await work.remove();
      await dependencies.dispose();
    },
  };
}

/**
 * The environment with PATH entries inside `from` moved into `to`, so that a tool the
 * workflow put on PATH from the checkout (`<checkout>/node_modules/.bin`,
 * `<checkout>/.venv/bin`) is found in the worktree's linked copy.
 */
export function withPathsIn(
  env: Readonly<Record<string, string | undefined>>,
  from: string,
  to: string,
): Record<string, string | undefined> {
  const path = env.PATH;
  if (path === undefined) return { ...env };
  const moved = path
    .split(':')
    .map((entry) => (entry === from ? to : entry.startsWith(`${from}/`) ? `${to}${entry.slice(from.length)}` : entry))
    .join(':');
  return { ...env, PATH: moved };
}
