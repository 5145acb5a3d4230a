/** Locate a helper binary (bwrap, prlimit, systemd-run, sudo) on the engine's PATH. */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Searched only when there is no PATH at all, as a login shell would set it. */
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * Absolute path of `name` on `path` (absolute entries only), or in the system
 * directories when `path` is empty; null if absent. A PATH without a tool hides it,
 * as it does from a shell: that is how a machine without bubblewrap is reproduced.
 */
export async function findExecutable(
  name: string,
  path: string | undefined = process.env.PATH,
): Promise<string | null> {
  const listed = (path ?? '').split(delimiter).filter((dir) => dir.startsWith('/'));
  for (const dir of new Set(listed.length > 0 ? listed : SYSTEM_DIRS)) {
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
