/**
 * What is installed where the tests will run (`ToolFacts`): the programs on the PATH
 * the sandbox passes on, whether a pnpm or yarn there is a corepack shim that cannot
 * download its client inside the sandbox, which clients corepack has cached where the
 * sandbox can see them, the packages' installed binaries and virtualenvs.
 */
import { access, constants, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageClient } from '../../core/testing/test-plan.ts';
import type { ToolFacts } from '../../core/testing/tool-facts.ts';
import { findExecutable } from '../sandbox/find-executable.ts';

/** Programs detection asks about. */
export const PROBED_PROGRAMS = [
  'node',
  'npm',
  'npx',
  'pnpm',
  'yarn',
  'bun',
  'bunx',
  'corepack',
  'python3',
  'python',
  'go',
  'cargo',
  'make',
] as const;

const COREPACK_CLIENTS: readonly PackageClient[] = ['pnpm', 'yarn'];
const VENVS = ['.venv/bin/python', 'venv/bin/python'];

export interface ProbeToolsOptions {
  /** The checkout. */
  root: string;
  /** The engine's environment: its PATH is the sandbox's PATH. */
  env: Readonly<Record<string, string | undefined>>;
  /** `sandbox.env`: names the sandbox passes on (COREPACK_HOME must be one for corepack to work offline). */
  sandboxEnv: readonly string[];
  /** Package directories to look into for node_modules/.bin and virtualenvs ('' is the root). */
  dirs: readonly string[];
}

/** `corepack enable` links pnpm and yarn to corepack's own shims. */
async function isShim(path: string): Promise<boolean> {
  const real = await realpath(path).catch(() => path);
  return /\/corepack\//.test(real);
}

async function listBins(dir: string): Promise<Set<string> | null> {
  try {
    return new Set(await readdir(join(dir, 'node_modules', '.bin')));
  } catch {
    return null;
  }
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * @example
 * const tools = await probeTools({ root, env: process.env, sandboxEnv: config.sandbox.env, dirs: ['', 'backend'] });
 * tools.onPath.has('pnpm')
 */
export async function probeTools(options: ProbeToolsOptions): Promise<ToolFacts> {
  const { env } = options;
  const found = new Map<string, string>();
  await Promise.all(
    PROBED_PROGRAMS.map(async (name) => {
      const path = await findExecutable(name, env.PATH);
      if (path !== null) found.set(name, path);
    }),
  );
  // corepack inside the sandbox has no network and a fresh HOME: only a cache named by
  // COREPACK_HOME, passed on through sandbox.env, lets it start a client.
  const home = env.COREPACK_HOME;
  const cacheVisible = home !== undefined && home !== '' && options.sandboxEnv.includes('COREPACK_HOME');
  const corepack = new Set<PackageClient>();
  if (found.has('corepack') && cacheVisible) {
    for (const client of COREPACK_CLIENTS) {
      const versions = await readdir(join(home, 'v1', client)).catch(() => [] as string[]);
      if (versions.length > 0) corepack.add(client);
    }
  }
  const unusable = new Map<string, string>();
  for (const client of COREPACK_CLIENTS) {
    const path = found.get(client);
    if (path !== undefined && !corepack.has(client) && (await isShim(path)))
      unusable.set(
        client,
        `is a corepack shim, and corepack cannot download ${client} in the sandbox (no network; pass COREPACK_HOME with a cached copy through sandbox.env)`,
      );
  }
  const bins = new Map<string, ReadonlySet<string>>();
  const venvs = new Map<string, string>();
  await Promise.all(
    [...new Set(['', ...options.dirs])].map(async (dir) => {
      const abs = join(options.root, dir);
      const names = await listBins(abs);
      if (names !== null) bins.set(dir, names);
      for (const venv of VENVS) {
        if (await executable(join(abs, venv))) {
          venvs.set(dir, venv);
          break;
        }
      }
    }),
  );
  return { onPath: new Set(found.keys()), unusable, corepack, bins, venvs };
}
