/**
 * Anthropic's text editor tool described as an ordinary function tool, for providers
 * that have no built-in version of it. The commands and argument names are the same,
 * so the same RepoTools implementation serves both.
 */

export const TEXT_EDITOR_DESCRIPTION =
  'View, create and edit text files in the repository. Paths are relative to the repository root. ' +
  'Commands: view (a file with line numbers, optionally only view_range [start, end] with end -1 for the end of the file; or a directory listing), ' +
  'create (path and the whole file_text), ' +
  'str_replace (replace old_str, which must match exactly once including whitespace, with new_str), ' +
  'insert (insert insert_text after line insert_line; 0 inserts at the top).';

export const TEXT_EDITOR_PARAMETERS: Readonly<Record<string, unknown>> = {
  type: 'object',
  properties: {
    command: { type: 'string', enum: ['view', 'create', 'str_replace', 'insert'] },
    path: { type: 'string', description: 'File or directory, relative to the repository root.' },
    view_range: {
      type: 'array',
      items: { type: 'integer' },
      minItems: 2,
      maxItems: 2,
      description: 'view: [start_line, end_line], 1-based; end -1 means the end of the file.',
    },
    file_text: { type: 'string', description: 'create: the whole content of the new file.' },
    old_str: { type: 'string', description: 'str_replace: the exact text to replace; it must occur exactly once.' },
    new_str: { type: 'string', description: 'str_replace: the replacement text (empty to delete).' },
    insert_line: {
      type: 'integer',
      minimum: 0,
      description: 'insert: the line after which to insert; 0 for the top of the file.',
    },
    insert_text: { type: 'string', description: 'insert: the text to insert.' },
  },
  required: ['command', 'path'],
};
