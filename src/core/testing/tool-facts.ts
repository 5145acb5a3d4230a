/**
 * What is installed where the tests will run, as detection needs to know it: a
 * command whose program is missing fails with exit 127 after the run has started, so
 * detection checks first and chooses what can run (README "How greenlight finds your
 * tests"). Gathered by `src/adapters/testing/probe-tools.ts`.
 */
import type { PackageClient } from './test-plan.ts';

export interface ToolFacts {
  /** Programs found on the PATH that sandboxed commands get (npm, pnpm, python3, go, …). */
  onPath: ReadonlySet<string>;
  /**
   * Programs on the PATH that cannot work in the sandbox, with the reason: a corepack
   * shim for pnpm or yarn downloads the client on first use, but the sandbox has no
   * network and a fresh HOME, so it only works from a cache the sandbox can see.
   */
  unusable: ReadonlyMap<string, string>;
  /** Package clients `corepack <client>` can start offline in the sandbox (its cache is visible there). */
  corepack: ReadonlySet<PackageClient>;
  /** Names in `<dir>/node_modules/.bin`, by directory ('' is the root); directories without one are absent. */
  bins: ReadonlyMap<string, ReadonlySet<string>>;
  /** A project virtualenv's interpreter by directory, relative to it (`.venv/bin/python`). */
  venvs: ReadonlyMap<string, string>;
}

/** How a package client can be started: `pnpm`, `corepack pnpm`, or not at all (with why). */
export type ClientAccess = { ok: true; words: string[]; note: string | null } | { ok: false; why: string };

/**
 * @example clientAccess(tools, 'pnpm') // { ok: false, why: 'pnpm is not on the PATH, and corepack cannot provide it offline in the sandbox' }
 */
export function clientAccess(tools: ToolFacts, client: PackageClient): ClientAccess {
  const unusable = tools.unusable.get(client);
  if (tools.onPath.has(client) && unusable === undefined) return { ok: true, words: [client], note: null };
  if (tools.corepack.has(client))
    return {
      ok: true,
      words: ['corepack', client],
      note: `${client} through corepack (its cache is in COREPACK_HOME)`,
    };
  const why =
    unusable !== undefined
      ? `${client} on the PATH ${unusable}`
      : `${client} is not on the PATH${tools.onPath.has('corepack') && (client === 'pnpm' || client === 'yarn') ? ', and corepack cannot provide it offline in the sandbox (no network; pass COREPACK_HOME with a cached copy through sandbox.env)' : ''}`;
  return { ok: false, why };
}

/**
 * The path of an installed binary relative to `dir`: `<dir>/node_modules/.bin/<name>`,
 * else the nearest ancestor's (workspaces hoist them to the root). Null when absent.
 *
 * @example installedBin(tools, 'packages/a', 'vitest') // '../../node_modules/.bin/vitest'
 */
export function installedBin(tools: ToolFacts, dir: string, name: string): string | null {
  const parts = dir === '' ? [] : dir.split('/');
  for (let depth = parts.length; depth >= 0; depth -= 1) {
    const at = parts.slice(0, depth).join('/');
    if (tools.bins.get(at)?.has(name) === true) return `${'../'.repeat(parts.length - depth)}node_modules/.bin/${name}`;
  }
  return null;
}

/** The project virtualenv nearest to `dir` (its own, else an ancestor's), relative to `dir`. */
export function projectPython(tools: ToolFacts, dir: string): string | null {
  const parts = dir === '' ? [] : dir.split('/');
  for (let depth = parts.length; depth >= 0; depth -= 1) {
    const python = tools.venvs.get(parts.slice(0, depth).join('/'));
    if (python !== undefined) return `${'../'.repeat(parts.length - depth)}${python}`;
  }
  return null;
}
