/**
 * RepoTools on a local checkout: Anthropic's text editor tool plus read-only
 * search_repository and list_files, every path confined to the workspace
 * (docs/security.md §18), and no writes to paths git ignores (docs/security.md §28). Refusals and bad input are error results for the model, never
 * exceptions; `refusal` is set so the loop can put it in the audit log.
 */
import { realpath } from 'node:fs/promises';
import type { ToolSpec } from '../../ports/model.ts';
import type { RepoTools, ToolCall, ToolOutcome } from '../../ports/repo-tools.ts';
import { createPathPolicy, type PathPolicy } from '../../core/tools/path-policy.ts';
import { ignoreRule } from '../git/ignore-rule.ts';
import { git } from '../git/run-git.ts';
import { createPathConfiner, type PathConfiner } from './confine-path.ts';
import { listFiles } from './list-files.ts';
import { searchRepository } from './search-repository.ts';
import { runTextEditor, type TextEditorLimits } from './text-editor.ts';
import { ListInput, parseToolInput, SearchInput, TextEditorInput } from './tool-inputs.ts';
import {
  LIST_FILES_SPEC,
  LIST_FILES_TOOL,
  SEARCH_REPOSITORY_SPEC,
  SEARCH_REPOSITORY_TOOL,
  TEXT_EDITOR_SPEC,
  TEXT_EDITOR_TOOL,
} from './tool-specs.ts';

export interface WorkspaceToolsOptions {
  /** The workspace root (absolute). */
  root: string;
  /** `paths` from the repository config. */
  paths: { allow: readonly string[]; deny: readonly string[] };
  /** Globs never shown to the model (context.exclude). */
  hidden?: readonly string[];
  /**
   * Folders outside the workspace that links in it may lead to, readable but never
   * writable: the installed dependencies linked into a run's checkout.
   */
  readOnlyRoots?: readonly string[];
  /** Files search and listing look at; default: git's tracked and unignored new files. */
  listFiles?: () => Promise<string[]>;
  limits?: Partial<WorkspaceToolLimits>;
}

export interface WorkspaceToolLimits extends TextEditorLimits {
  /** Files larger than this are not searched. */
  maxSearchFileBytes: number;
}

export const DEFAULT_TOOL_LIMITS: WorkspaceToolLimits = {
  maxReadBytes: 2_000_000,
  maxWriteBytes: 1_000_000,
  maxViewChars: 60_000,
  maxDirectoryEntries: 400,
  maxSearchFileBytes: 1_000_000,
};

const SPECS: readonly ToolSpec[] = [TEXT_EDITOR_SPEC, SEARCH_REPOSITORY_SPEC, LIST_FILES_SPEC];

/**
 * Creates the tools for one workspace.
 * @example
 * const tools = createWorkspaceTools({ root: '/work/repo', paths: config.paths, hidden: config.context.exclude });
 * const outcome = await tools.execute({ id: 'toolu_1', name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'src' } });
 */
export function createWorkspaceTools(options: WorkspaceToolsOptions): RepoTools {
  const limits = { ...DEFAULT_TOOL_LIMITS, ...options.limits };
  let setup: Promise<ToolState> | undefined;
  const ready = (): Promise<ToolState> => {
    setup ??= Promise.all([
      realpath(options.root),
      Promise.all((options.readOnlyRoots ?? []).map((root) => realpath(root))),
    ]).then(([realRoot, readOnlyRoots]) => {
      const policy = createPathPolicy({
        roots: [...new Set([options.root, realRoot])],
        allow: options.paths.allow,
        deny: options.paths.deny,
        hidden: options.hidden ?? [],
      });
      return {
        policy,
        confiner: createPathConfiner(realRoot, policy, readOnlyRoots),
        listFiles: options.listFiles ?? (() => gitListFiles(realRoot)),
        limits,
      };
    });
    return setup;
  };

  return {
    specs: SPECS,
    handles: (name) => SPECS.some((spec) => spec.name === name),
    async execute(call: ToolCall): Promise<ToolOutcome> {
      try {
        return await dispatch(call, await ready());
      } catch (error) {
        // An I/O failure (permissions, a vanished file) is reported to the model like
        // any other tool error: the port promises never to throw.
        return { content: `${call.name} failed: ${(error as Error).message}`, isError: true };
      }
    },
  };
}

interface ToolState {
  policy: PathPolicy;
  confiner: PathConfiner;
  listFiles: () => Promise<string[]>;
  limits: WorkspaceToolLimits;
}

async function dispatch(call: ToolCall, state: ToolState): Promise<ToolOutcome> {
  const { policy, confiner, limits } = state;
  switch (call.name) {
    case TEXT_EDITOR_TOOL: {
      const input = parseToolInput(TextEditorInput, call.name, call.input);
      return input.ok
        ? runTextEditor(input.value, {
            confiner,
            policy,
            limits,
            ignoreRule: (path) => ignoreRule(confiner.realRoot, path),
          })
        : { content: input.message, isError: true };
    }
    case SEARCH_REPOSITORY_TOOL: {
      const input = parseToolInput(SearchInput, call.name, call.input);
      return input.ok
        ? searchRepository(input.value, {
            confiner,
            policy,
            listFiles: state.listFiles,
            maxFileBytes: limits.maxSearchFileBytes,
          })
        : { content: input.message, isError: true };
    }
    case LIST_FILES_TOOL: {
      const input = parseToolInput(ListInput, call.name, call.input);
      return input.ok
        ? listFiles(input.value, { policy, listFiles: state.listFiles })
        : { content: input.message, isError: true };
    }
    default:
      return {
        content: `Unknown tool ${JSON.stringify(call.name)}. Available tools: ${SPECS.map((spec) => spec.name).join(', ')}.`,
        isError: true,
      };
  }
}

/**
 * The default file list for search and listing: tracked files plus new files that are
 * not ignored, as git sees them (so node_modules and build output stay out), sorted.
 */
async function gitListFiles(root: string): Promise<string[]> {
  const stdout = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(stdout.split('\0').filter((path) => path !== ''))].sort();
}
