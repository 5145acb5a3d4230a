/**
 * Which of the candidate sensitive paths exist, and whether each is a directory.
 * Symlinks are resolved (a tmpfs must go over the real directory); paths under the
 * directories every driver already replaces (/tmp, /run, /var/tmp) are dropped.
 */
import { realpath, stat } from 'node:fs/promises';
import type { HiddenPath } from '../../core/sandbox/build-bwrap-argv.ts';

const ALWAYS_PRIVATE = ['/tmp', '/run', '/var/tmp'];

export async function findHiddenPaths(
  candidates: readonly string[],
  alwaysPrivate: readonly string[] = ALWAYS_PRIVATE,
): Promise<HiddenPath[]> {
  const found = new Map<string, HiddenPath>();
  for (const candidate of candidates) {
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      continue; // does not exist (or cannot be reached by the engine either)
    }
    if (alwaysPrivate.some((dir) => real === dir || real.startsWith(`${dir}/`))) continue;
    const info = await stat(real);
    found.set(real, { path: real, kind: info.isDirectory() ? 'dir' : 'file' });
  }
  // A path inside a hidden directory needs no mount of its own.
  const dirs = [...found.values()].filter((entry) => entry.kind === 'dir').map((entry) => entry.path);
  return [...found.values()]
    .filter((entry) => !dirs.some((dir) => entry.path !== dir && entry.path.startsWith(`${dir}/`)))
    .sort((a, b) => a.path.localeCompare(b.path));
}
