/**
 * Reads a workspace file as UTF-8 text, refusing what a text tool must not handle:
 * special files (a FIFO would block), hard-linked files (the other link may be
 * outside the workspace, where a generated test could have linked it from), binary
 * files, invalid UTF-8 and files over the size limit.
 */
import { readFile, stat } from 'node:fs/promises';

export type TextFile =
  | { ok: true; text: string; bytes: number }
  | { ok: false; reason: string; /** A confinement rule, not a property of the content. */ confinement?: boolean };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads `absolute`, which the caller has already confined. `linksAllowed`: the file lies
 * in a read-only folder the engine filled itself (installed dependencies, stashed as
 * hard links), where a link cannot have been planted.
 */
export async function readTextFile(absolute: string, maxBytes: number, linksAllowed = false): Promise<TextFile> {
  const stats = await stat(absolute);
  if (stats.isDirectory()) {
    return { ok: false, reason: 'the path is a directory' };
  }
  if (!stats.isFile()) {
    return { ok: false, reason: 'the path is not a regular file' };
  }
  if (stats.nlink > 1 && !linksAllowed) {
    return {
      ok: false,
      reason: 'the file is hard-linked to another path, which may be outside the workspace',
      confinement: true,
    };
  }
  if (stats.size > maxBytes) {
    return { ok: false, reason: `the file is ${stats.size} bytes, over the ${maxBytes}-byte limit for text tools` };
  }
  const buffer = await readFile(absolute);
  if (buffer.subarray(0, 8192).includes(0)) {
    return { ok: false, reason: 'the file is binary' };
  }
  try {
    return { ok: true, text: decoder.decode(buffer), bytes: buffer.length };
  } catch {
    return { ok: false, reason: 'the file is not valid UTF-8 text' };
  }
}
