/**
 * Resolves a model-supplied path to a real file inside the workspace. The pure
 * policy decides on the spelling; this adds what only the file system knows:
 * symlinks (the target itself, or any parent directory) are resolved with realpath,
 * must stay inside the workspace, and their target must pass the policy too, so a
 * link cannot smuggle a write into `.git/` or a denied path.
 */
import { lstat, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { PathAccess, PathPolicy } from '../../core/tools/path-policy.ts';

export type Confined =
  | {
      ok: true;
      /** Relative path of the real file ('' for the root). */ path: string;
      absolute: string;
      exists: boolean;
      /** Reached through a link into one of the read-only roots (reads only). */
      shared?: boolean;
    }
  | { ok: false; path: string; reason: string };

export interface PathConfiner {
  /** The workspace root with symlinks resolved. */
  readonly realRoot: string;
  resolve(raw: unknown, access: PathAccess): Promise<Confined>;
}

/**
 * Creates a confiner for `realRoot`, which must already be a realpath. `readOnlyRoots`
 * are real folders outside the workspace that links inside it may lead to for reading
 * only: the installed dependencies a run's checkout links to (src/adapters/git/dependency-stash.ts).
 */
export function createPathConfiner(
  realRoot: string,
  policy: PathPolicy,
  readOnlyRoots: readonly string[] = [],
): PathConfiner {
  return {
    realRoot,
    async resolve(raw, access) {
      const decision = policy.check(raw, access);
      if (!decision.ok) {
        return decision;
      }
      const wanted = decision.path;
      const segments = wanted === '' ? [] : wanted.split('/');

      // The deepest existing ancestor (or the path itself) is resolved by realpath;
      // the segments below it do not exist yet, so they cannot be links.
      let existing = segments.length;
      let targetIsLink = false;
      for (; existing >= 0; existing -= 1) {
        const candidate = join(realRoot, ...segments.slice(0, existing));
        const stats = await lstatOrNull(candidate);
        if (stats !== null) {
          targetIsLink = existing === segments.length && stats.isSymbolicLink();
          break;
        }
      }
      const existingPath = join(realRoot, ...segments.slice(0, existing));
      let resolvedPrefix: string;
      try {
        resolvedPrefix = await realpath(existingPath);
      } catch {
        return { ok: false, path: wanted, reason: 'the path is a symbolic link whose target does not exist' };
      }
      if (resolvedPrefix !== realRoot && !resolvedPrefix.startsWith(`${realRoot}${sep}`)) {
        if (
          access === 'read' &&
          readOnlyRoots.some((r) => resolvedPrefix === r || resolvedPrefix.startsWith(`${r}${sep}`))
        ) {
          // The policy already accepted the path as named in the workspace (`node_modules/x/index.d.ts`).
          return {
            ok: true,
            path: wanted,
            absolute: join(resolvedPrefix, ...segments.slice(existing)),
            exists: existing === segments.length,
            shared: true,
          };
        }
        return {
          ok: false,
          path: wanted,
          reason: `the path leads through a symbolic link to ${resolvedPrefix}, outside the workspace`,
        };
      }
      const resolved = [relative(realRoot, resolvedPrefix), ...segments.slice(existing)]
        .filter((part) => part !== '')
        .join('/')
        .split(sep)
        .join('/');
      if (resolved !== wanted) {
        const again = policy.checkRelative(resolved, access);
        if (!again.ok) {
          return { ok: false, path: wanted, reason: `the path is a symbolic link to ${resolved}, and ${again.reason}` };
        }
      }
      if (access === 'write' && targetIsLink) {
        return {
          ok: false,
          path: wanted,
          reason: `the path is a symbolic link; edit the file it points to (${resolved}) instead`,
        };
      }
      return { ok: true, path: resolved, absolute: join(realRoot, resolved), exists: existing === segments.length };
    },
  };
}

async function lstatOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) {
      return null;
    }
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
