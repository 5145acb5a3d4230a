/**
 * Forces the collision that git's racy-clean check exists for, in a real repository:
 * an edit whose stat data matches what the index recorded, to the second. Only the
 * index file's own mtime (the same second as the recorded stat) tells git to look
 * again; a copy of the index made in a later second no longer does. The helper proves
 * the collision before it returns: the repository's own index still sees the change,
 * a plain copy of it does not.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ATTEMPTS = 6;
/** File times come from the kernel's coarse clock, a few milliseconds behind Date.now(). */
const CLOCK_SLACK_MS = 30;

const secondOf = (ms: number): number => Math.floor(ms / 1000);

/** git that never rewrites the repository's index (as greenlight's own calls run). */
function readOnlyGit(root: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_OPTIONAL_LOCKS: '0', ...env },
  });
}

/**
 * Runs `step` at the start of a second until the stat times it returns and the
 * index's mtime all fall in one second, then waits for the next second.
 */
async function withinOneSecond(root: string, what: string, step: () => number[]): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    await sleep(1000 - (Date.now() % 1000) + CLOCK_SLACK_MS);
    const stamps = [...step(), statSync(join(root, '.git', 'index')).mtimeMs];
    const second = secondOf(stamps[0] ?? 0);
    if (stamps.some((ms) => secondOf(ms) !== second)) continue; // a second ended in between: again
    await sleep((second + 1) * 1000 - Date.now() + CLOCK_SLACK_MS);
    return;
  }
  throw new Error(`could not ${what} within one second in ${ATTEMPTS} attempts (machine too busy?)`);
}

/** What git shows for `path` through a copy of the index made now (fresh mtime). */
function throughCopiedIndex(root: string, args: string[]): { status: number | null; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-racy-'));
  try {
    copyFileSync(join(root, '.git', 'index'), join(dir, 'index'));
    return readOnlyGit(root, args, { GIT_INDEX_FILE: join(dir, 'index') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NSEC_HINT = 'this git compares sub-second file times, so the collision cannot be forced here';

/**
 * Rewrites `path` (in the index with its current content) to `after`, the same number
 * of bytes: same inode, same size, the same mtime (put back with utimes) and a ctime
 * in the same second as the index entry and the index file.
 */
export async function sameSecondEdit(root: string, path: string, after: string | Uint8Array): Promise<void> {
  const file = join(root, path);
  const before = readFileSync(file);
  const next = Buffer.from(after);
  if (next.byteLength !== before.byteLength || next.equals(before))
    throw new Error(`sameSecondEdit needs different content of the same size for ${path}`);
  await withinOneSecond(root, `edit ${path}`, () => {
    writeFileSync(file, before);
    execFileSync('git', ['-C', root, 'add', '--', path], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    const indexed = statSync(file);
    writeFileSync(file, next); // in place: the inode stays
    utimesSync(file, indexed.atime, indexed.mtime);
    const edited = statSync(file);
    return [indexed.mtimeMs, indexed.ctimeMs, edited.mtimeMs, edited.ctimeMs];
  });
  const status = readOnlyGit(root, ['status', '--porcelain=v1', '--', path]).stdout;
  if (status !== ` M ${path}\n`) throw new Error(`git status should show ${path} modified, shows ${status}`);
  const copied = throughCopiedIndex(root, ['diff-files', '--quiet', '--', path]);
  if (copied.status !== 0) throw new Error(`a copied index sees the edit of ${path}: ${NSEC_HINT}`);
}
