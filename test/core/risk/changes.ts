/** Builders for FileChange values in risk tests: realistic paths with diff snippets. */
import type { FileChange } from '../../../src/ports/workspace.ts';

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** A new file whose content is `text`. */
export function added(path: string, text = 'export const value = 1;', extra: Partial<FileChange> = {}): FileChange {
  return {
    path,
    status: 'added',
    newMode: '100644',
    binary: false,
    addedLines: lines(text),
    removedLines: [],
    ...extra,
  };
}

/** A modified file: `add` lines added, `remove` lines removed. */
export function modified(path: string, add: string, remove = '', extra: Partial<FileChange> = {}): FileChange {
  return {
    path,
    status: 'modified',
    oldMode: '100644',
    newMode: '100644',
    binary: false,
    addedLines: lines(add),
    removedLines: lines(remove),
    ...extra,
  };
}

/** A deleted file whose content was `text`. */
export function deleted(path: string, text: string, extra: Partial<FileChange> = {}): FileChange {
  return {
    path,
    status: 'deleted',
    oldMode: '100644',
    newMode: '000000',
    binary: false,
    addedLines: [],
    removedLines: lines(text),
    ...extra,
  };
}

/** A rename from `from` to `to`, with optional edits. */
export function renamed(from: string, to: string, add = '', remove = ''): FileChange {
  return {
    path: to,
    previousPath: from,
    status: 'renamed',
    oldMode: '100644',
    newMode: '100644',
    binary: false,
    addedLines: lines(add),
    removedLines: lines(remove),
  };
}
