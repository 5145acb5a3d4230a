/**
 * Writes a confined workspace file without following a symlink at the last moment
 * (O_NOFOLLOW) and without writing through a hard link to a file elsewhere.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

export type WriteResult = { ok: true; created: boolean } | { ok: false; reason: string; confinement?: boolean };

/** Writes `text` to `absolute`, creating parent directories. */
export async function writeTextFile(absolute: string, text: string): Promise<WriteResult> {
  let created = true;
  try {
    const stats = await lstat(absolute);
    if (!stats.isFile()) {
      return { ok: false, reason: stats.isDirectory() ? 'the path is a directory' : 'the path is not a regular file' };
    }
    if (stats.nlink > 1) {
      return {
        ok: false,
        reason: 'the file is hard-linked to another path, which may be outside the workspace',
        confinement: true,
      };
    }
    created = false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await mkdir(dirname(absolute), { recursive: true });
  } catch (error) {
    return {
      ok: false,
      reason: `cannot create the parent directory (${(error as NodeJS.ErrnoException).code ?? 'error'}): a parent is probably a file`,
    };
  }
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  const handle = await open(absolute, flags, 0o644);
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
  return { ok: true, created };
}
