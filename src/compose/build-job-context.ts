/**
 * The repository context of a job: the working tree indexed (files the model may not
 * read are left out), ranked for the task and fitted into `context.maxTokens`, then
 * rendered once. The text goes into the cached prompt prefix, so it is built before
 * the loop and never changes during the run.
 */
import { readRecentChanges } from '../adapters/context/read-recent-changes.ts';
import { readRepoIndex } from '../adapters/context/read-repo-index.ts';
import { assembleContext } from '../core/context/assemble-context.ts';
import { renderContextForPrompt } from '../core/prompt/render-context-for-prompt.ts';
import type { ContextPack } from '../core/context/types.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { TaskRequest } from '../core/task/task-request.ts';
import { taskText } from '../core/task/task-text.ts';

export interface JobContext {
  pack: ContextPack;
  text: string;
}

export async function buildJobContext(
  root: string,
  task: TaskRequest,
  config: RepoConfig,
  pullRequestBase?: string,
): Promise<JobContext> {
  const index = await readRepoIndex(root, {
    maxFileBytes: config.context.maxFileBytes,
    // paths.deny also means "never read": such files must not reach the prompt either.
    exclude: [...config.context.exclude, ...config.paths.deny],
  });
  const recentChanges = await readRecentChanges(root, pullRequestBase === undefined ? {} : { base: pullRequestBase });
  const pack = assembleContext(index, taskText(task), {
    budgetTokens: config.context.maxTokens,
    recentChanges,
    testCommand: config.tests.command ?? null,
  });
  return { pack, text: renderContextForPrompt(pack) };
}
