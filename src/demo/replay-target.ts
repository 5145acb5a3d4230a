/** The directory a demo or a replay works in: a new temp dir, or the user's `--keep DIR`. */
import { mkdir, mkdtemp, readdir, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GreenlightError } from '../ports/errors.ts';

/**
 * @param keepDir the user's directory (absolute); it must be absent or empty.
 * @returns the real path of the directory, created and empty.
 */
export async function replayTarget(keepDir: string | undefined, prefix: string): Promise<string> {
  if (keepDir === undefined) return realpath(await mkdtemp(join(tmpdir(), prefix)));
  const entries = await readdir(keepDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new GreenlightError('usage', `--keep ${keepDir}: ${error.message}. Give a new or empty directory.`, {
      cause: error,
    });
  });
  if (entries.length > 0) {
    throw new GreenlightError(
      'usage',
      `--keep ${keepDir} is not empty: give a new or empty directory, so that nothing of yours is overwritten.`,
    );
  }
  await mkdir(keepDir, { recursive: true });
  return realpath(keepDir);
}
