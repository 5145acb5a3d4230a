/**
 * The tools advertised to the model, in a fixed order (they are part of the cached
 * prompt prefix, so their bytes must not change between turns).
 */
import type { ToolSpec } from '../../ports/model.ts';

export const TEXT_EDITOR_TOOL = 'str_replace_based_edit_tool';
export const SEARCH_REPOSITORY_TOOL = 'search_repository';
export const LIST_FILES_TOOL = 'list_files';

export const TEXT_EDITOR_SPEC: ToolSpec = { kind: 'text-editor', name: TEXT_EDITOR_TOOL };

export const SEARCH_REPOSITORY_SPEC: ToolSpec = {
  kind: 'custom',
  name: SEARCH_REPOSITORY_TOOL,
  description:
    "Search the text of the repository's files (tracked and new, not ignored ones) for a literal string or a regular expression. Returns matching lines as path:line: text. Read-only.",
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'Text to find; a JavaScript regular expression when regex is true.' },
      regex: { type: 'boolean', description: 'Treat pattern as a regular expression. Default false.' },
      case_sensitive: { type: 'boolean', description: 'Default true.' },
      path: { type: 'string', description: 'Only search files matching this glob, e.g. "src/**" or "*.py".' },
      max_results: { type: 'integer', minimum: 1, maximum: 200, description: 'Default 50.' },
    },
    required: ['pattern'],
  },
};

export const LIST_FILES_SPEC: ToolSpec = {
  kind: 'custom',
  name: LIST_FILES_TOOL,
  description:
    'List the repository\'s files (tracked and new, not ignored ones) whose path matches a glob, e.g. "src/**/*.ts" or "*.test.js". Read-only.',
  inputSchema: {
    type: 'object',
    properties: {
      pattern: { type: 'string', description: 'Glob; "**" (the default) lists everything.' },
      max_results: { type: 'integer', minimum: 1, maximum: 2000, description: 'Default 500.' },
    },
  },
};
