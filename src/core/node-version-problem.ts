/**
 * The Node.js version greenlight needs, checked by the CLI and the Action before they
 * load anything else, so that an old Node gets one line instead of a stack trace from
 * deep inside a dependency. package.json's `engines.node` says the same (a test keeps
 * them in step).
 */

/** Oldest supported Node.js release, as `major.minor`. */
export const MINIMUM_NODE = '22.20';

/**
 * Why `version` (as `process.versions.node` gives it) cannot run greenlight, or null.
 *
 * @example nodeVersionProblem('20.20.2') // 'greenlight needs Node ≥ 22.20; this is Node 20.20.2'
 */
export function nodeVersionProblem(version: string): string | null {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE.split('.').map(Number);
  const ok = major > needMajor || (major === needMajor && minor >= needMinor);
  return ok ? null : `greenlight needs Node ≥ ${MINIMUM_NODE}; this is Node ${version}`;
}
