/**
 * The git side of the workspace, prepared for mounting: the git directories to re-bind
 * read-only (hooks and config must not be writable by repository code: docs/security.md §12)
 * and sanitized copies of every git config file to show in place of the real ones, so
 * a credential header left by actions/checkout cannot be read (docs/security.md §13).
 *
 * The layout is looked up on every run, but a config file is read, sanitized and
 * written again only when it changed since the sandbox's previous run (same inode,
 * size, modification and change times): most runs of a job see the same configs.
 * The look-up is a handful of metadata reads of files the kernel has cached, done
 * synchronously: each asynchronous step waits for a thread of the pool, which on a
 * busy machine cost more than the reads themselves, on every run.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { sanitizeGitConfig } from '../../core/sandbox/sanitize-git-config.ts';

export interface GitMounts {
  readOnly: string[];
  overlays: Array<{ source: string; target: string }>;
  /** Qualified keys removed from the configs (never values), for the audit log. */
  removed: string[];
}

/** Submodule git dirs nest (`modules/a/modules/b`); stop somewhere sane. */
const MAX_MODULE_DEPTH = 4;

/** Sanitized copies already written, by the real config's path; one per sandbox. */
export type GitConfigCopies = Map<string, { signature: string; source: string; removed: string[] }>;

/**
 * Inspect `<workspace>/.git` and write sanitized configs into `outDir`, reusing the
 * copies in `copies` whose originals have not changed.
 */
export async function prepareGitMounts(
  workspace: string,
  outDir: string,
  copies: GitConfigCopies = new Map(),
): Promise<GitMounts> {
  const dotGit = join(workspace, '.git');
  const kind = kindOf(dotGit);
  if (kind === null) return { readOnly: [], overlays: [], removed: [] };

  const readOnly = [dotGit];
  let gitDir = dotGit;
  let commonDir = dotGit;
  if (kind === 'file') {
    // A worktree or submodule checkout: `.git` is a file naming the real git dir.
    const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    if (pointer?.[1] === undefined) return { readOnly, overlays: [], removed: [] };
    gitDir = resolve(workspace, pointer[1].trim());
    commonDir = gitDir;
    const common = readOptional(join(gitDir, 'commondir'));
    if (common !== null) commonDir = resolve(gitDir, common.trim());
    readOnly.push(gitDir);
    if (commonDir !== gitDir) readOnly.push(commonDir);
  }

  const configs = new Set<string>([join(commonDir, 'config'), join(gitDir, 'config'), join(gitDir, 'config.worktree')]);
  for (const config of moduleConfigs(join(commonDir, 'modules'), 0)) configs.add(config);

  const overlays: GitMounts['overlays'] = [];
  const removed: string[] = [];
  for (const target of configs) {
    const signature = signatureOf(target);
    if (signature === null) continue;
    let copy = copies.get(target);
    if (copy?.signature !== signature) {
      const sanitized = sanitizeGitConfig(readFileSync(target, 'utf8'));
      const source = copy?.source ?? join(outDir, `config-${copies.size}`);
      // Readable by the sandbox's own user too (the systemd-run driver; bwrap when the engine is root); nothing secret is left in it.
      writeFileSync(source, sanitized.text, { mode: 0o644 });
      copy = { signature, source, removed: sanitized.removed };
      copies.set(target, copy);
    }
    overlays.push({ source: copy.source, target });
    removed.push(...copy.removed);
  }
  return { readOnly: readOnly.filter((path) => isAbsolute(path)), overlays, removed };
}

/** Identity and version of a regular file (null when it is not one): any write changes it. */
function signatureOf(path: string): string | null {
  try {
    const info = statSync(path, { bigint: true });
    return info.isFile() ? `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}` : null;
  } catch {
    return null;
  }
}

/** Git internals that never contain a submodule's git dir. */
const NOT_MODULES = new Set(['objects', 'refs', 'logs', 'hooks', 'info', 'lfs', 'worktrees']);

/** Config files of the submodule git dirs under `dir` (names may nest: `modules/libs/a`). */
function moduleConfigs(dir: string, depth: number): string[] {
  if (depth > MAX_MODULE_DEPTH) return [];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || NOT_MODULES.has(entry.name)) continue;
    const child = join(dir, entry.name);
    if (kindOf(join(child, 'config')) === 'file') out.push(join(child, 'config'));
    out.push(...moduleConfigs(child, depth + 1));
  }
  return out;
}

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function kindOf(path: string): 'file' | 'dir' | null {
  try {
    const info = statSync(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}
