/** Locate a helper binary (bwrap, prlimit, systemd-run, sudo) on the engine's PATH. */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Absolute path of `name`, searching PATH then the system directories; null if absent. */
export async function findExecutable(
  name: string,
  path: string | undefined = process.env.PATH,
): Promise<string | null> {
  const dirs = [...(path ?? '').split(delimiter).filter((dir) => dir.startsWith('/')), ...SYSTEM_DIRS];
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}
