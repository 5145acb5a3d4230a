/**
 * Pure text operations behind the text editor tool: numbered views, a str_replace
 * that insists on exactly one match, and line insertion. Line endings of the file are
 * kept: a CRLF file edited with LF text gets CRLF text.
 */

export type EditResult =
  | {
      ok: true;
      text: string;
      /** 1-based first and last line of the new text in the result. */ firstLine: number;
      lastLine: number;
    }
  | { ok: false; reason: string };

/** `cat -n` style: right-aligned 1-based numbers, a tab, the line. */
export function numberLines(lines: readonly string[], firstLineNumber: number): string {
  return lines.map((line, index) => `${String(firstLineNumber + index).padStart(6, ' ')}\t${line}`).join('\n');
}

/** Splits text into lines without their terminators; a final newline adds no empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The file's dominant line ending. */
export function lineEnding(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

function toEnding(text: string, ending: '\r\n' | '\n'): string {
  return ending === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/**
 * Replaces the single occurrence of `oldStr`. Zero or several occurrences are refused
 * with a reason that says how to fix the call.
 */
export function replaceUnique(text: string, oldStr: string, newStr: string): EditResult {
  if (oldStr === '') {
    return { ok: false, reason: 'old_str is empty; give the exact text to replace' };
  }
  const ending = lineEnding(text);
  // Models write LF; in a CRLF file the same text has CRLF endings.
  const needle = ending === '\r\n' && !text.includes(oldStr) ? toEnding(oldStr, ending) : oldStr;
  const replacement = ending === '\r\n' ? toEnding(newStr, ending) : newStr;
  const offsets: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    offsets.push(at);
    if (offsets.length > 20) break;
  }
  if (offsets.length === 0) {
    return {
      ok: false,
      reason:
        'old_str was not found in the file; view the file and copy the exact text, including whitespace and indentation',
    };
  }
  if (offsets.length > 1) {
    const lines = offsets
      .slice(0, 10)
      .map((offset) => lineOf(text, offset))
      .join(', ');
    const count = offsets.length > 20 ? 'more than 20' : String(offsets.length);
    return {
      ok: false,
      reason: `old_str occurs ${count} times (lines ${lines}); include more surrounding lines so that it matches exactly once`,
    };
  }
  const offset = offsets[0] as number;
  const result = text.slice(0, offset) + replacement + text.slice(offset + needle.length);
  const firstLine = lineOf(result, offset);
  const lastLine = firstLine + Math.max(0, splitLines(replacement).length - 1);
  return { ok: true, text: result, firstLine, lastLine };
}

/** Inserts `insertText` after line `afterLine` (0 inserts at the top). */
export function insertLines(text: string, afterLine: number, insertText: string): EditResult {
  const lines = splitLines(text);
  if (!Number.isInteger(afterLine) || afterLine < 0 || afterLine > lines.length) {
    return {
      ok: false,
      reason: `insert_line must be between 0 and ${lines.length} (the file has ${lines.length} lines)`,
    };
  }
  const ending = lineEnding(text);
  const inserted = toEnding(insertText.endsWith('\n') ? insertText : `${insertText}\n`, ending);
  // Offset just after line `afterLine`, its terminator included.
  let offset = 0;
  for (let line = 0; line < afterLine; line += 1) {
    const next = text.indexOf('\n', offset);
    offset = next === -1 ? text.length : next + 1;
  }
  const head = text.slice(0, offset);
  // A last line without a newline gets one before the inserted text.
  const joiner = head !== '' && !head.endsWith('\n') ? ending : '';
  const result = head + joiner + inserted + text.slice(offset);
  const firstLine = afterLine + 1;
  return { ok: true, text: result, firstLine, lastLine: afterLine + splitLines(inserted).length };
}

/** Numbered lines around an edit, for the tool result. */
export function snippet(text: string, firstLine: number, lastLine: number, context = 4): string {
  const lines = splitLines(text);
  const start = Math.max(1, firstLine - context);
  const end = Math.min(lines.length, lastLine + context);
  return numberLines(lines.slice(start - 1, end), start);
}
