/**
 * The commands of Anthropic's text editor tool (text_editor_20250728): view, create,
 * str_replace, insert. Every path goes through the confiner first.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToolOutcome } from '../../ports/repo-tools.ts';
import {
  insertLines,
  numberLines,
  replaceUnique,
  snippet,
  splitLines,
  type EditResult,
} from '../../core/tools/text-edits.ts';
import type { PathPolicy } from '../../core/tools/path-policy.ts';
import type { PathConfiner } from './confine-path.ts';
import { readTextFile } from './read-text-file.ts';
import { writeTextFile } from './write-text-file.ts';
import type { TextEditorInput } from './tool-inputs.ts';

export interface TextEditorLimits {
  /** Largest file view/edit will read. */
  maxReadBytes: number;
  /** Largest file create/str_replace/insert will write. */
  maxWriteBytes: number;
  /** Characters of a view result before it is cut. */
  maxViewChars: number;
  /** Entries of a directory view. */
  maxDirectoryEntries: number;
}

export interface TextEditorContext {
  confiner: PathConfiner;
  policy: PathPolicy;
  limits: TextEditorLimits;
  /**
   * The git ignore rule that matches a relative path (`.gitignore:2:*.conf*`), or null.
   * Writes to ignored paths are refused (docs/security.md §28).
   */
  ignoreRule?: (path: string) => Promise<string | null>;
}

/** Runs one text editor command. */
export async function runTextEditor(input: TextEditorInput, context: TextEditorContext): Promise<ToolOutcome> {
  const access = input.command === 'view' ? 'read' : 'write';
  const target = await context.confiner.resolve(input.path, access);
  if (!target.ok) {
    return refused(target.path, target.reason);
  }
  if (access === 'write') {
    const rule = await context.ignoreRule?.(target.path);
    if (rule !== undefined && rule !== null) return refused(target.path, ignoredReason(rule));
  }
  switch (input.command) {
    case 'view':
      return view(target.path, target.absolute, target.exists, input.view_range, context, target.shared === true);
    case 'create':
      return create(target.path, target.absolute, input.file_text, context);
    case 'str_replace':
      return edit(target.path, target.absolute, context.limits, (text) =>
        replaceUnique(text, input.old_str, input.new_str ?? ''),
      );
    case 'insert':
      return edit(target.path, target.absolute, context.limits, (text) =>
        insertLines(text, input.insert_line, input.insert_text ?? input.new_str ?? ''),
      );
  }
}

/** A refusal by a confinement rule: an error for the model, a record for the audit log. */
export function refused(path: string, reason: string): ToolOutcome {
  return {
    content: `Refused: ${path === '' ? 'the repository root' : path}: ${reason}.`,
    isError: true,
    refusal: { path, reason },
  };
}

/**
 * Why an ignored path is refused. The rule is named so that the model (and whoever
 * reads the audit log) knows exactly which line of which ignore file matched.
 */
function ignoredReason(rule: string): string {
  return `git ignores this path (${rule}): an ignored file never appears in the change, so it could change how the tests run without review. Write to a tracked or a new, not ignored path`;
}

function failed(message: string): ToolOutcome {
  return { content: message, isError: true };
}

async function view(
  path: string,
  absolute: string,
  exists: boolean,
  range: readonly [number, number] | undefined,
  context: TextEditorContext,
  shared = false,
): Promise<ToolOutcome> {
  if (!exists) {
    return failed(`${path} does not exist. Use list_files or view a directory to find the right path.`);
  }
  const entries = await directoryListing(path, absolute, context);
  if (entries !== null) {
    return { content: entries, isError: false };
  }
  const file = await readTextFile(absolute, context.limits.maxReadBytes, shared);
  if (!file.ok) {
    return file.confinement === true ? refused(path, file.reason) : failed(`Cannot view ${path}: ${file.reason}.`);
  }
  const lines = splitLines(file.text);
  let first = 1;
  let last = lines.length;
  if (range !== undefined) {
    const [start, end] = range;
    const stop = end === -1 ? lines.length : end;
    if (start > Math.max(lines.length, 1) || stop < start || stop > lines.length) {
      return failed(
        `Invalid view_range [${start}, ${end}] for ${path}: the file has ${lines.length} lines; use 1 ≤ start ≤ end ≤ ${lines.length}, or end -1 for the end of the file.`,
      );
    }
    first = start;
    last = stop;
  }
  if (lines.length === 0) {
    return { content: `${path} is empty.`, isError: false };
  }
  // Cut at a line boundary so the model can continue with view_range.
  let shownLast = first - 1;
  let chars = 0;
  while (shownLast < last) {
    const next = (lines[shownLast] as string).length + 8;
    if (chars + next > context.limits.maxViewChars && shownLast >= first) break;
    chars += next;
    shownLast += 1;
  }
  let content = `Here's the result of running \`cat -n\` on ${path}:\n${numberLines(lines.slice(first - 1, shownLast), first)}\n`;
  if (shownLast < last) {
    content += `[Output cut at line ${shownLast} of ${lines.length} to stay under ${context.limits.maxViewChars} characters. Use view_range [${shownLast + 1}, ${last}] to see more.]\n`;
  }
  return { content, isError: false };
}

/** A listing two levels deep, or null when `absolute` is not a directory. */
async function directoryListing(path: string, absolute: string, context: TextEditorContext): Promise<string | null> {
  let top;
  try {
    top = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
  const shown: string[] = [];
  let omitted = 0;
  const add = (relative: string, isDirectory: boolean): void => {
    if (shown.length >= context.limits.maxDirectoryEntries) {
      omitted += 1;
    } else {
      shown.push(isDirectory ? `${relative}/` : relative);
    }
  };
  const prefix = path === '' ? '' : `${path}/`;
  for (const entry of sortByName(top)) {
    const relative = `${prefix}${entry.name}`;
    if (!context.policy.visible(relative)) continue;
    add(relative, entry.isDirectory());
    if (entry.isDirectory()) {
      const children = await readdir(join(absolute, entry.name), { withFileTypes: true }).catch(() => []);
      for (const child of sortByName(children)) {
        const childRelative = `${relative}/${child.name}`;
        if (context.policy.visible(childRelative)) add(childRelative, child.isDirectory());
      }
    }
  }
  const header = `Here are the files and directories up to 2 levels deep in ${path === '' ? 'the repository root' : path} (.git and excluded paths not shown):`;
  const footer = omitted > 0 ? `\n[${omitted} more entries not shown; view a subdirectory or use list_files.]` : '';
  return `${header}\n${shown.join('\n')}${footer}\n`;
}

function sortByName<T extends { name: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function create(path: string, absolute: string, text: string, context: TextEditorContext): Promise<ToolOutcome> {
  const { limits } = context;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxWriteBytes) {
    return failed(
      `Cannot create ${path}: the content is ${bytes} bytes, over the ${limits.maxWriteBytes}-byte limit. Split it into smaller files.`,
    );
  }
  const written = await writeTextFile(absolute, text);
  if (!written.ok) {
    return written.confinement === true
      ? refused(path, written.reason)
      : failed(`Cannot create ${path}: ${written.reason}.`);
  }
  if (written.created) {
    // A pattern such as `build/` matches a folder only once it exists: a file created in a
    // new folder can turn out ignored after it was written. Then it goes again, refused.
    const rule = await context.ignoreRule?.(path);
    if (rule !== undefined && rule !== null) {
      await rm(absolute, { force: true });
      return refused(path, ignoredReason(rule));
    }
  }
  return {
    content: written.created
      ? `File created successfully at: ${path}`
      : `File ${path} already existed and was overwritten.`,
    isError: false,
    changedPaths: [path],
  };
}

async function edit(
  path: string,
  absolute: string,
  limits: TextEditorLimits,
  change: (text: string) => EditResult,
): Promise<ToolOutcome> {
  let file;
  try {
    file = await readTextFile(absolute, limits.maxReadBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return failed(`${path} does not exist; use the create command to make a new file.`);
    }
    throw error;
  }
  if (!file.ok) {
    return file.confinement === true ? refused(path, file.reason) : failed(`Cannot edit ${path}: ${file.reason}.`);
  }
  const result = change(file.text);
  if (!result.ok) {
    return failed(`No change made to ${path}: ${result.reason}.`);
  }
  const bytes = Buffer.byteLength(result.text, 'utf8');
  if (bytes > limits.maxWriteBytes) {
    return failed(
      `No change made to ${path}: the result would be ${bytes} bytes, over the ${limits.maxWriteBytes}-byte limit.`,
    );
  }
  const written = await writeTextFile(absolute, result.text);
  if (!written.ok) {
    return written.confinement === true
      ? refused(path, written.reason)
      : failed(`Cannot edit ${path}: ${written.reason}.`);
  }
  return {
    content: `The file ${path} has been edited. Here's the result of running \`cat -n\` on a snippet of it:\n${snippet(result.text, result.firstLine, result.lastLine)}\nReview the changes and make sure they are as expected.`,
    isError: false,
    changedPaths: [path],
  };
}
