/**
 * The cached prompt prefix: the tools, the system prompt and the repository context, in
 * the order the Messages API caches them. It is built once per run and sent
 * byte-identical on every call, because one changed byte invalidates the cache: it
 * depends only on values fixed for the whole run — never on time, counters or the round.
 * The breakpoint that closes it is placed by `placeCacheBreakpoints`.
 */
import type { PromptBlock, ToolSpec } from '../../ports/model.ts';
import type { TestCommand } from '../../ports/test-runner.ts';
import type { TaskMode } from '../task/task-request.ts';
import { buildSystemPrompt } from './system-prompt.ts';

export interface CachedPrefix {
  readonly tools: readonly ToolSpec[];
  /** The system prompt, then the repository context when there is one. */
  readonly system: readonly PromptBlock[];
}

export interface CachedPrefixInput {
  mode: TaskMode;
  testCommand: TestCommand;
  /** The name of the tool that runs the tests, which the system prompt names. */
  runTestsTool: string;
  /** The rendered repository context (`renderContextForPrompt`), or '' for none. */
  contextText: string;
  /** The repository tools, then the engine's own (`run_tests`). */
  tools: readonly ToolSpec[];
}

/**
 * Frozen, so that nothing in the run can change a byte of it.
 *
 * @example
 * const prefix = buildCachedPrefix({ mode: 'generate', testCommand, runTestsTool: 'run_tests', contextText, tools });
 */
export function buildCachedPrefix(input: CachedPrefixInput): CachedPrefix {
  const system: PromptBlock[] = [{ text: buildSystemPrompt(input.mode, input.testCommand, input.runTestsTool) }];
  if (input.contextText !== '') system.push({ text: input.contextText });
  return Object.freeze({
    tools: Object.freeze(input.tools.map((tool) => Object.freeze({ ...tool }))),
    system: Object.freeze(system.map((block) => Object.freeze(block))),
  });
}
