/** list_files: the workspace's files matching a glob, capped, without refused paths. */
import type { ToolOutcome } from '../../ports/repo-tools.ts';
import type { PathPolicy } from '../../core/tools/path-policy.ts';
import { compileGlobs } from '../../core/paths/glob.ts';
import type { ListInput } from './tool-inputs.ts';

export interface ListContext {
  policy: PathPolicy;
  listFiles: () => Promise<string[]>;
}

const DEFAULT_RESULTS = 500;

/** Lists files matching `input.pattern` (default: all). */
export async function listFiles(input: ListInput, context: ListContext): Promise<ToolOutcome> {
  const pattern = input.pattern ?? '**';
  let matches: (path: string) => boolean;
  try {
    matches = compileGlobs([pattern]);
  } catch (error) {
    return { content: `Invalid glob: ${(error as Error).message}.`, isError: true };
  }
  const limit = input.max_results ?? DEFAULT_RESULTS;
  const found = (await context.listFiles()).filter((path) => matches(path) && context.policy.visible(path));
  if (found.length === 0) {
    return { content: `No files match ${JSON.stringify(pattern)}.`, isError: false };
  }
  const shown = found.slice(0, limit);
  const more =
    found.length > shown.length
      ? `\n[${found.length - shown.length} more files not shown; use a narrower pattern.]`
      : '';
  return {
    content: `${found.length} file${found.length === 1 ? '' : 's'} match ${JSON.stringify(pattern)}:\n${shown.join('\n')}${more}\n`,
    isError: false,
  };
}
