/**
 * Context assembly for a working tree: index it, read what changed recently (when
 * asked), and assemble within the budget. One call for the CLI and the engine, so both
 * wire the same pieces the same way.
 */
import { readRecentChanges } from '../adapters/context/read-recent-changes.ts';
import { readRepoIndex } from '../adapters/context/read-repo-index.ts';
import { assembleContext, type ResolveTestCommand } from '../core/context/assemble-context.ts';
import type { ContextPack, RecentChange } from '../core/context/types.ts';
import type { SanitizedText } from '../core/text/sanitized-text.ts';

export interface RepoContextOptions {
  budgetTokens: number;
  maxFileBytes: number;
  exclude: readonly string[];
  /** `tests.command`, or how the engine resolves the test command for the task (`ResolveTestCommand`). */
  testCommand?: string | null | ResolveTestCommand;
  /** For `/fix`: the PR base; files changed in `base...HEAD` rank as recently changed. */
  base?: string;
  /** Files of this many recent commits rank a little higher (default 0). */
  recentCommits?: number;
  /** Changes known to the caller (e.g. from the PR's file list), in addition. */
  recentChanges?: readonly RecentChange[];
}

export async function assembleRepoContext(
  root: string,
  task: SanitizedText,
  options: RepoContextOptions,
): Promise<ContextPack> {
  const index = await readRepoIndex(root, { maxFileBytes: options.maxFileBytes, exclude: options.exclude });
  const recent =
    options.base !== undefined || (options.recentCommits ?? 0) > 0
      ? await readRecentChanges(root, {
          ...(options.base !== undefined ? { base: options.base } : {}),
          commits: options.recentCommits ?? 0,
        })
      : [];
  return assembleContext(index, task, {
    budgetTokens: options.budgetTokens,
    recentChanges: [...(options.recentChanges ?? []), ...recent],
    testCommand: options.testCommand ?? null,
  });
}
