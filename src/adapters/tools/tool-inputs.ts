/**
 * Validation of the inputs the model sends. Bad input is answered with an error
 * tool_result that says which field is wrong, never with an exception.
 */
import { z } from 'zod';

const Path = z.string({ error: 'path must be a string' }).min(1, 'path must not be empty');

export const ViewInput = z.object({
  command: z.literal('view'),
  path: Path,
  view_range: z
    .tuple([z.number().int().min(1), z.number().int().min(-1)], {
      error: 'view_range must be [start_line, end_line] (1-based; end -1 for the end of the file)',
    })
    .optional(),
});

export const CreateInput = z.object({
  command: z.literal('create'),
  path: Path,
  file_text: z.string({ error: 'file_text must be a string with the whole file content' }),
});

export const StrReplaceInput = z.object({
  command: z.literal('str_replace'),
  path: Path,
  old_str: z.string({ error: 'old_str must be a string' }),
  new_str: z.string({ error: 'new_str must be a string' }).optional(),
});

export const InsertInput = z
  .object({
    command: z.literal('insert'),
    path: Path,
    insert_line: z.number({ error: 'insert_line must be a line number (0 inserts at the top)' }).int().min(0),
    insert_text: z.string({ error: 'insert_text must be a string' }).optional(),
    // Older text editor versions called it new_str; accept both.
    new_str: z.string().optional(),
  })
  .refine((input) => input.insert_text !== undefined || input.new_str !== undefined, {
    message: 'insert_text is required',
    path: ['insert_text'],
  });

export const TextEditorInput = z.discriminatedUnion('command', [ViewInput, CreateInput, StrReplaceInput, InsertInput]);
export type TextEditorInput = z.infer<typeof TextEditorInput>;

export const SearchInput = z.object({
  pattern: z
    .string({ error: 'pattern must be a string' })
    .min(1, 'pattern must not be empty')
    .max(500, 'pattern is longer than 500 characters'),
  regex: z.boolean().optional(),
  case_sensitive: z.boolean().optional(),
  path: z.string().min(1).optional(),
  max_results: z.number().int().min(1).max(200).optional(),
});
export type SearchInput = z.infer<typeof SearchInput>;

export const ListInput = z.object({
  pattern: z.string().min(1).optional(),
  max_results: z.number().int().min(1).max(2000).optional(),
});
export type ListInput = z.infer<typeof ListInput>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const EDITOR_COMMANDS = ['view', 'create', 'str_replace', 'insert'];

/** Parses tool input; the failure message names the tool and each bad field. */
export function parseToolInput<T>(schema: z.ZodType<T>, tool: string, input: unknown): Parsed<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: `Invalid input for ${tool}: expected a JSON object, got ${describe(input)}.` };
  }
  if (tool === 'str_replace_based_edit_tool') {
    const command = (input as Record<string, unknown>)['command'];
    if (command === 'undo_edit') {
      return {
        ok: false,
        message: 'undo_edit is not available in this text editor version; use str_replace to change the text back.',
      };
    }
    if (typeof command !== 'string' || !EDITOR_COMMANDS.includes(command)) {
      return {
        ok: false,
        message: `Invalid input for ${tool}: command must be one of ${EDITOR_COMMANDS.join(', ')}, got ${describe(command)}.`,
      };
    }
  }
  const result = schema.safeParse(input);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field === '' ? issue.message : `${field}: ${issue.message}`;
  });
  return { ok: false, message: `Invalid input for ${tool}: ${problems.join('; ')}.` };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return Array.isArray(value) ? 'an array' : (JSON.stringify(value) ?? typeof value);
}
