/**
 * search_repository: literal or regular-expression search over the workspace's text
 * files. Results are capped, lines are shortened, and files the model may not read
 * are skipped, so a search cannot reveal what `view` would refuse.
 */
import type { ToolOutcome } from '../../ports/repo-tools.ts';
import type { PathPolicy } from '../../core/tools/path-policy.ts';
import { compileGlobs } from '../../core/paths/glob.ts';
import type { PathConfiner } from './confine-path.ts';
import { readTextFile } from './read-text-file.ts';
import type { SearchInput } from './tool-inputs.ts';

export interface SearchContext {
  confiner: PathConfiner;
  policy: PathPolicy;
  listFiles: () => Promise<string[]>;
  /** Files larger than this are not searched. */
  maxFileBytes: number;
}

const DEFAULT_RESULTS = 50;
const EXCERPT_CHARS = 200;
// A regular expression runs on the engine's thread; long lines are where a bad
// pattern backtracks for ages, so regex search only looks at their start.
const REGEX_LINE_LIMIT = 2_000;

/** Runs one search. */
export async function searchRepository(input: SearchInput, context: SearchContext): Promise<ToolOutcome> {
  let matcher: (line: string) => boolean;
  if (input.regex === true) {
    let regex: RegExp;
    try {
      regex = new RegExp(input.pattern, input.case_sensitive === false ? 'iu' : 'u');
    } catch (error) {
      return {
        content: `Invalid regular expression: ${(error as Error).message}. Fix the pattern or set regex to false for a literal search.`,
        isError: true,
      };
    }
    matcher = (line) => regex.test(line.length > REGEX_LINE_LIMIT ? line.slice(0, REGEX_LINE_LIMIT) : line);
  } else if (input.case_sensitive === false) {
    const needle = input.pattern.toLowerCase();
    matcher = (line) => line.toLowerCase().includes(needle);
  } else {
    matcher = (line) => line.includes(input.pattern);
  }
  let inScope: (path: string) => boolean = () => true;
  if (input.path !== undefined) {
    try {
      inScope = compileGlobs([input.path]);
    } catch (error) {
      return { content: `Invalid path glob: ${(error as Error).message}.`, isError: true };
    }
  }

  const limit = input.max_results ?? DEFAULT_RESULTS;
  const results: string[] = [];
  let total = 0;
  const files = new Set<string>();
  for (const path of await context.listFiles()) {
    if (!inScope(path) || !context.policy.visible(path)) continue;
    // Symbolic links are not followed: one pointing outside would leak, one pointing
    // inside would only repeat the file it points to.
    const target = await context.confiner.resolve(path, 'read');
    if (!target.ok || target.path !== path) continue;
    const file = await readTextFile(target.absolute, context.maxFileBytes).catch(() => null);
    if (file === null || !file.ok) continue;
    const lines = file.text.split(/\r?\n/);
    lines.forEach((line, index) => {
      if (!matcher(line)) return;
      total += 1;
      files.add(path);
      if (results.length < limit) {
        const excerpt = line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
        results.push(`${path}:${index + 1}: ${excerpt}`);
      }
    });
  }
  if (total === 0) {
    return {
      content: `No matches for ${JSON.stringify(input.pattern)}${input.path === undefined ? '' : ` in ${input.path}`}.`,
      isError: false,
    };
  }
  const header = `${total} matching line${total === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}${total > results.length ? ` (showing the first ${results.length}; narrow the search with path or a more specific pattern)` : ''}:`;
  return { content: `${header}\n${results.join('\n')}\n`, isError: false };
}
