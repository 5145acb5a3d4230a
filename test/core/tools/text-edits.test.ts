import { describe, expect, it } from 'vitest';
import {
  insertLines,
  lineEnding,
  numberLines,
  replaceUnique,
  snippet,
  splitLines,
} from '../../../src/core/tools/text-edits.ts';

describe('text edits', () => {
  it('numbers lines like cat -n', () => {
    expect(numberLines(['a', 'b'], 9)).toBe('     9\ta\n    10\tb');
  });

  it.each([
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\r\nb\r\n', ['a', 'b']],
    ['a\n\n', ['a', '']],
  ])('splits %j into lines', (text, lines) => {
    expect(splitLines(text)).toEqual(lines);
  });

  it('detects the dominant line ending', () => {
    expect([lineEnding('a\r\nb\r\n'), lineEnding('a\nb\n'), lineEnding('x')]).toEqual(['\r\n', '\n', '\n']);
  });

  it('replaces exactly one occurrence and reports where', () => {
    expect(replaceUnique('a\nb\nc\n', 'b\n', 'B1\nB2\n')).toEqual({
      ok: true,
      text: 'a\nB1\nB2\nc\n',
      firstLine: 2,
      lastLine: 3,
    });
  });

  it('deletes with an empty new_str', () => {
    expect(replaceUnique('keep\ndrop\n', 'drop\n', '')).toMatchObject({ ok: true, text: 'keep\n' });
  });

  it('refuses no match with advice', () => {
    const result = replaceUnique('abc', 'x', 'y');
    expect(result.ok ? '' : result.reason).toContain('was not found in the file');
  });

  it('refuses several matches and names the count and lines', () => {
    const result = replaceUnique('x = 1\ny = 2\nx = 1\n', 'x = 1', 'x = 2');
    expect(result).toEqual({
      ok: false,
      reason: 'old_str occurs 2 times (lines 1, 3); include more surrounding lines so that it matches exactly once',
    });
  });

  it('refuses an empty old_str', () => {
    expect(replaceUnique('abc', '', 'y').ok).toBe(false);
  });

  it('keeps CRLF line endings when the model sends LF', () => {
    expect(replaceUnique('a\r\nb\r\nc\r\n', 'a\nb', 'A\nB')).toMatchObject({ ok: true, text: 'A\r\nB\r\nc\r\n' });
  });

  it.each([
    [0, 'new\na\nb\n'],
    [1, 'a\nnew\nb\n'],
    [2, 'a\nb\nnew\n'],
  ])('inserts after line %i', (line, expected) => {
    expect(insertLines('a\nb\n', line, 'new')).toMatchObject({ ok: true, text: expected, firstLine: line + 1 });
  });

  it('inserts after a last line without a newline', () => {
    expect(insertLines('a\nb', 2, 'c\n')).toMatchObject({ ok: true, text: 'a\nb\nc\n' });
  });

  it('inserts with CRLF endings into a CRLF file', () => {
    expect(insertLines('a\r\nb\r\n', 1, 'x\ny')).toMatchObject({
      ok: true,
      text: 'a\r\nx\r\ny\r\nb\r\n',
      firstLine: 2,
      lastLine: 3,
    });
  });

  it('refuses an insert line outside the file', () => {
    expect(insertLines('a\nb\n', 3, 'x')).toEqual({
      ok: false,
      reason: 'insert_line must be between 0 and 2 (the file has 2 lines)',
    });
  });

  it('shows a numbered snippet around an edit', () => {
    const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(snippet(text, 10, 10, 1)).toBe('     9\tline 9\n    10\tline 10\n    11\tline 11');
  });
});
