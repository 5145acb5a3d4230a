/**
 * The repository context of a job: the working tree indexed (files the model may not
 * read are left out), ranked for the task and fitted into `context.maxTokens`, then
 * rendered once. The text goes into the cached prompt prefix, so it is built before
 * the loop and never changes during the run.
 */
import { renderContextForPrompt } from '../core/prompt/render-context-for-prompt.ts';
import type { ResolveTestCommand } from '../core/context/assemble-context.ts';
import type { ContextPack } from '../core/context/types.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { TaskRequest } from '../core/task/task-request.ts';
import { taskText } from '../core/task/task-text.ts';
import { assembleRepoContext } from './assemble-repo-context.ts';

export interface JobContext {
  pack: ContextPack;
  text: string;
}

/** Files of this many recent commits rank a little higher in a job's context. */
const RECENT_COMMITS = 10;

/**
 * @param resolveTestCommand how the engine picks the test command once the context knows
 *   what the task concerns; the context's conventions then show that command and why.
 */
export async function buildJobContext(
  root: string,
  task: TaskRequest,
  config: RepoConfig,
  pullRequestBase?: string,
  resolveTestCommand?: ResolveTestCommand,
): Promise<JobContext> {
  const pack = await assembleRepoContext(root, taskText(task), {
    budgetTokens: config.context.maxTokens,
    maxFileBytes: config.context.maxFileBytes,
    // paths.deny also means "never read": such files must not reach the prompt either.
    exclude: [...config.context.exclude, ...config.paths.deny],
    testCommand: resolveTestCommand ?? config.tests.command ?? null,
    ...(pullRequestBase === undefined ? {} : { base: pullRequestBase }),
    recentCommits: RECENT_COMMITS,
  });
  return { pack, text: renderContextForPrompt(pack) };
}
