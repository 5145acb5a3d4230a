/**
 * Publish-time path rules: the last check before anything is pushed, on the paths git
 * itself reports for the commit (both names of a rename; deletions count).
 *
 * - `.github/workflows/**` is never pushed (docs/security.md §19), whatever the config says:
 *   a workflow runs with the repository's secrets as soon as it lands on a branch.
 * - No `.git` path component, no absolute path, no `..`.
 * - `paths.deny` (case-insensitively, as the model's tools apply it) and `paths.allow`
 *   from the config: what the model may not edit is not published either.
 */
import type { RepoConfig } from '../config/repo-config.ts';
import { compileGlobs } from '../paths/glob.ts';
import type { PathViolation } from './publish-types.ts';

/** The hard rule, independent of config. */
export const WORKFLOW_GLOB = '.github/workflows/**';

export interface PathLike {
  path: string;
  previousPath?: string;
}

/**
 * Every violation, in the order of `changes`; empty when everything may be published.
 * @example checkPublishPaths([{ path: '.github/workflows/ci.yml' }], defaultConfig().paths)
 * // [{ path: '.github/workflows/ci.yml', reason: 'workflow files are never pushed by greenlight (…)' }]
 */
export function checkPublishPaths(changes: readonly PathLike[], paths: RepoConfig['paths']): PathViolation[] {
  const workflow = compileGlobs([WORKFLOW_GLOB], { nocase: true });
  const denied = compileGlobs(paths.deny, { nocase: true });
  const allowed = compileGlobs(paths.allow);
  const violations: PathViolation[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    for (const path of change.previousPath === undefined ? [change.path] : [change.path, change.previousPath]) {
      if (seen.has(path)) continue;
      seen.add(path);
      const reason = problem(path, workflow, denied, allowed);
      if (reason !== null) violations.push({ path, reason });
    }
  }
  return violations;
}

function problem(
  path: string,
  workflow: (p: string) => boolean,
  denied: (p: string) => boolean,
  allowed: (p: string) => boolean,
): string | null {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return 'not a relative path inside the repository';
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) return 'has an empty, "." or ".." path component';
  if (segments.some((s) => s.toLowerCase() === '.git')) return 'is inside .git, which greenlight never writes';
  if (workflow(path))
    return "workflow files are never pushed by greenlight (a workflow runs with the repository's secrets once it is on a branch); make this change by hand";
  if (denied(path)) return 'matches paths.deny in .github/greenlight.yml';
  if (!allowed(path)) return 'is not matched by paths.allow in .github/greenlight.yml';
  return null;
}
