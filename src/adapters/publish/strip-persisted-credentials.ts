/**
 * Removes the git credentials `actions/checkout` (and similar setups) leave in a
 * checkout, BEFORE any repository code runs (docs/security.md §13), so that neither
 * repository code, generated code nor a later step can read the token from disk.
 * Pushes then pass the token per command (gitAuthEnv) and nothing is restored.
 *
 * What is removed, in the repository's config files (main, worktree, submodules):
 * - every `http.<url>.extraheader` (actions/checkout up to v5 keeps
 *   `AUTHORIZATION: basic …` there);
 * - `include.path` / `includeIf.<cond>.path` entries pointing at a checkout
 *   credentials file (`git-credentials-<uuid>.config` in RUNNER_TEMP, actions/checkout
 *   v6+), and that file itself; other included files keep their include but lose
 *   their `extraheader` entries;
 * - user info (`user:token@`) in remote URLs, and `url.<base>` sections whose base
 *   carries user info.
 * Nothing is saved anywhere: the values are gone. Credential helpers and
 * `core.sshCommand` are left alone (they point at stores outside the checkout).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { git, runGit } from '../git/run-git.ts';

export interface StripResult {
  /** What was removed, for the log and the audit (never values). */
  removed: string[];
}

const CHECKOUT_CREDENTIALS_FILE = /^git-credentials-[0-9a-f-]+\.config$/i;
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i;
const MAX_MODULE_DEPTH = 4;
const MAX_INCLUDE_DEPTH = 4;

/**
 * @example
 * const { removed } = await stripPersistedCredentials(process.env.GITHUB_WORKSPACE);
 * log.info({ removed }, 'removed persisted git credentials');
 */
export async function stripPersistedCredentials(root: string): Promise<StripResult> {
  const [gitDir = '', commonDir = ''] = (
    await git(root, ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'])
  )
    .split('\n')
    .map((line) => line.trim());
  const files = new Set<string>([
    join(commonDir, 'config'),
    join(gitDir, 'config'),
    join(gitDir, 'config.worktree'),
    join(commonDir, 'config.worktree'),
  ]);
  for (const file of await worktreeConfigs(commonDir)) files.add(file);
  for (const file of await moduleConfigs(join(commonDir, 'modules'), 0)) files.add(file);
  const removed: string[] = [];
  for (const file of files) {
    if (await isFile(file)) await stripConfigFile(root, file, labelOf(root, file), removed, 0);
  }
  return { removed };
}

interface Entry {
  key: string;
  value: string | null;
}

async function listEntries(root: string, file: string): Promise<Entry[]> {
  const out = await git(root, ['config', '--file', file, '--null', '--list']);
  return out
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const newline = record.indexOf('\n');
      return newline === -1
        ? { key: record, value: null }
        : { key: record.slice(0, newline), value: record.slice(newline + 1) };
    });
}

async function stripConfigFile(
  root: string,
  file: string,
  label: string,
  removed: string[],
  depth: number,
): Promise<void> {
  const entries = await listEntries(root, file);
  const sections = new Set<string>();
  for (const { key, value } of entries) {
    const lower = key.toLowerCase();
    if (/^http\..*extraheader$/.test(lower) || lower === 'http.extraheader') {
      await unset(root, file, key, value);
      removed.push(`${scrub(key)} (${label})`);
      continue;
    }
    if ((lower === 'include.path' || (lower.startsWith('includeif.') && lower.endsWith('.path'))) && value !== null) {
      const target = isAbsolute(value) ? value : resolve(dirname(file), value);
      if (CHECKOUT_CREDENTIALS_FILE.test(basename(value))) {
        await unset(root, file, key, value);
        removed.push(`${key} (${label})`);
        if (await isFile(target)) {
          await rm(target, { force: true });
          removed.push(`credentials file ${basename(target)}`);
        }
      } else if (depth < MAX_INCLUDE_DEPTH && !value.startsWith('~') && (await isFile(target))) {
        await stripConfigFile(root, target, `included ${basename(target)}`, removed, depth + 1);
      }
      continue;
    }
    if (/^remote\..*\.(?:url|pushurl)$/.test(lower) && value !== null && URL_USERINFO.test(value)) {
      await git(root, [
        'config',
        '--file',
        file,
        '--fixed-value',
        '--replace-all',
        key,
        value.replace(URL_USERINFO, '$1'),
        value,
      ]);
      removed.push(`${key} user info (${label})`);
      continue;
    }
    const url = /^url\.(.*)\.(?:insteadof|pushinsteadof)$/i.exec(key);
    if (url?.[1] !== undefined && URL_USERINFO.test(url[1])) sections.add(`url.${url[1]}`);
  }
  for (const section of sections) {
    await git(root, ['config', '--file', file, '--remove-section', section]);
    removed.push(`${scrub(section)} section (${label})`);
  }
}

async function unset(root: string, file: string, key: string, value: string | null): Promise<void> {
  const args =
    value === null
      ? ['config', '--file', file, '--unset-all', key]
      : ['config', '--file', file, '--fixed-value', '--unset-all', key, value];
  const result = await runGit(root, args);
  // Exit 5: already gone (an earlier pass removed every value of the key).
  if (result.exitCode !== 0 && result.exitCode !== 5) await git(root, args);
}

/** A key or section name with user info removed, safe to log. */
function scrub(name: string): string {
  return name.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

function labelOf(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function worktreeConfigs(commonDir: string): Promise<string[]> {
  const names = await readdir(join(commonDir, 'worktrees')).catch(() => [] as string[]);
  return names.flatMap((name) => [join(commonDir, 'worktrees', name, 'config.worktree')]);
}

/** `modules/<name>/config`, nested submodules included (`modules/a/modules/b/config`). */
async function moduleConfigs(dir: string, depth: number): Promise<string[]> {
  if (depth > MAX_MODULE_DEPTH) return [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const moduleDir = join(dir, entry.name);
    if (await isFile(join(moduleDir, 'config'))) found.push(join(moduleDir, 'config'));
    // Submodule names may contain slashes: look one level down too, and into nested modules.
    found.push(...(await moduleConfigs(join(moduleDir, 'modules'), depth + 1)));
    if (!(await isFile(join(moduleDir, 'HEAD')))) found.push(...(await moduleConfigs(moduleDir, depth + 1)));
  }
  return found;
}
