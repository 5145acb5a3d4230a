/**
 * Which paths the model's tools may touch (docs/security.md §18). Pure: it normalises a
 * path the model sent and decides; the adapter resolves symlinks with realpath and
 * asks again about the resolved path.
 *
 * Decisions, in order:
 * - Accepted spellings: relative to the repository root (`src/a.ts`, `./src/a.ts`),
 *   the virtual root `/repo/...` that Anthropic's text-editor examples use, and the
 *   workspace's own absolute path. Any other absolute path, `~`, `\`, control
 *   characters and every `..` segment are refused, even when `..` would stay inside:
 *   the model never needs it, and refusing it is easier to audit than resolving it.
 * - `.git` as any path segment is refused (also a submodule's `.git` file),
 *   case-insensitively.
 * - `paths.deny` wins over everything and applies to reads as well as writes (a
 *   denied file may hold secrets, e.g. `.env`); it is matched case-insensitively so
 *   that a case-insensitive file system cannot be used to slip past it.
 * - `hidden` (context.exclude) applies to reads and writes.
 * - Writes must match `paths.allow`; reads anywhere else in the workspace are fine.
 */
import { compileGlobs, matchGlob } from '../paths/glob.ts';

export type PathAccess = 'read' | 'write';

export type PathDecision =
  | { ok: true; /** Relative, forward slashes, no `.`; '' is the root. */ path: string }
  | { ok: false; path: string; reason: string };

export interface PathPolicyOptions {
  /** Absolute workspace paths the model may use as a prefix (e.g. the root and its realpath). */
  roots: readonly string[];
  allow: readonly string[];
  deny: readonly string[];
  /** Globs never shown to the model (context.exclude). */
  hidden?: readonly string[];
}

export interface PathPolicy {
  /** Normalises a path the model sent and decides on it. */
  check(raw: unknown, access: PathAccess): PathDecision;
  /** Decides on an already normalised relative path (e.g. a symlink's resolved target). */
  checkRelative(path: string, access: PathAccess): PathDecision;
  /** Whether listings and searches may show this relative path. */
  visible(path: string): boolean;
}

/** The virtual root the model may use for the repository. */
export const VIRTUAL_ROOT = '/repo';

/**
 * Builds the policy; globs are compiled once.
 * @example createPathPolicy({ roots: ['/work/repo'], allow: ['**'], deny: ['.github/workflows/**'] }).check('/repo/src/a.ts', 'write')
 */
export function createPathPolicy(options: PathPolicyOptions): PathPolicy {
  const denied = compileGlobs(options.deny, { nocase: true });
  const hidden = compileGlobs(options.hidden ?? []);
  const allowed = compileGlobs(options.allow);
  const roots = [...options.roots.map(trimSlashes), VIRTUAL_ROOT];

  const checkRelative = (path: string, access: PathAccess): PathDecision => {
    const segments = path === '' ? [] : path.split('/');
    if (segments.some((segment) => segment.toLowerCase() === '.git')) {
      return refuse(path, '.git/ is off limits: greenlight manages git itself');
    }
    if (path === '') {
      return access === 'read' ? { ok: true, path } : refuse(path, 'the repository root is a directory, not a file');
    }
    if (denied(path)) {
      const pattern = options.deny.find((glob) => !glob.startsWith('!') && matchGlob(glob, path, { nocase: true }));
      return refuse(
        path,
        `the path matches paths.deny${pattern === undefined ? '' : ` ('${pattern}')`} in .github/greenlight.yml`,
      );
    }
    if (hidden(path)) {
      return refuse(path, 'the path is excluded from what the model may see (context.exclude)');
    }
    if (access === 'write' && !allowed(path)) {
      return refuse(path, 'the path is not matched by paths.allow in .github/greenlight.yml');
    }
    return { ok: true, path };
  };

  return {
    check(raw, access) {
      const normalised = normalise(raw, roots);
      return normalised.ok ? checkRelative(normalised.path, access) : normalised;
    },
    checkRelative,
    visible(path) {
      return checkRelative(path, 'read').ok;
    },
  };
}

function normalise(raw: unknown, roots: readonly string[]): PathDecision {
  if (typeof raw !== 'string' || raw === '') {
    return refuse(String(raw ?? ''), 'a path must be a non-empty string');
  }
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    return refuse(raw, 'the path contains control characters');
  }
  if (raw.includes('\\')) {
    return refuse(raw, 'use forward slashes, relative to the repository root');
  }
  if (raw.startsWith('~')) {
    return refuse(raw, 'home-directory paths are outside the workspace; use a path relative to the repository root');
  }
  let rest = raw;
  if (raw.startsWith('/')) {
    const root = roots.find((candidate) => raw === candidate || raw.startsWith(`${candidate}/`));
    if (root === undefined) {
      return refuse(
        raw,
        'absolute paths outside the workspace are not allowed; use a path relative to the repository root',
      );
    }
    rest = raw.slice(root.length);
  }
  const segments = rest.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    return refuse(raw, "'..' is not allowed in paths; use a path relative to the repository root");
  }
  return { ok: true, path: segments.join('/') };
}

function trimSlashes(root: string): string {
  return root.length > 1 ? root.replace(/\/+$/, '') : root;
}

function refuse(path: string, reason: string): PathDecision {
  return { ok: false, path, reason };
}
