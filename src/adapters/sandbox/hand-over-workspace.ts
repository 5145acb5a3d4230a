/**
 * When the engine is root, sandboxed commands run as an unprivileged user of their own
 * (docs/security.md §30), which must be able to write the workspace. The workspace is
 * handed to it: every entry (but `.git`, which stays the engine's and read-only inside)
 * belongs to the sandbox user while the sandbox exists; the workspace directory itself
 * keeps its owner, so that git's ownership check still trusts it, and lets the sandbox
 * user's group in. Before each run, what the engine wrote since (the model's new files)
 * is handed over too: a new entry changes its directory's modification time, so only
 * directories whose time moved are listed again (a workspace with node_modules has ten
 * times more files than directories). `restore` gives every entry back: to the owner it had, or, for
 * what was created meanwhile, to the workspace directory's owner, and restores the mode
 * bits a change of owner clears (setuid, setgid).
 *
 * No sandboxed process is alive while this walks (each run's PID namespace has ended),
 * and the walk never follows a symbolic link, so nothing planted in the workspace can
 * turn a change of owner onto a file outside it. A file with more than one link is never
 * handed over: an owner belongs to the file, not to a name, and its other names may be
 * outside the workspace (a package store linking into node_modules), where the sandbox
 * user could then write it. Such files stay read-only to commands. On restore, what is
 * not recorded goes back only if the sandbox user owns it.
 */
import { chmodSync, chownSync, lchownSync, lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { GreenlightError } from '../../ports/errors.ts';

export interface WorkspaceHandover {
  /** Before a run: hand over whatever is not the sandbox user's yet. */
  prepare(): void;
  /** After the last run: give everything back. */
  restore(): void;
}

interface Owner {
  uid: number;
  gid: number;
  /** Set when the entry had setuid/setgid bits, which chown clears. */
  mode?: number;
}

const SPECIAL_BITS = 0o6000;

/**
 * Hand `workspace` to `user` now; `skip` lists paths that stay as they are (the git dir).
 *
 * @throws GreenlightError('sandbox-unavailable') when ownership cannot be changed there.
 */
export function handOverWorkspace(
  workspace: string,
  user: { uid: number; gid: number },
  skip: readonly string[],
): WorkspaceHandover {
  const skipped = new Set(skip);
  const top = lstatSync(workspace);
  const topOwner: Owner = { uid: top.uid, gid: top.gid, mode: top.mode & 0o7777 };
  const original = new Map<string, Owner>();

  // Directories as last seen, with their modification times.
  let seen = new Map<string, number>();

  const walk = (visit: (path: string, info: Stats) => void, from: readonly string[] = [workspace]): void => {
    const pending = [...from];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
      const self = lstatSync(dir, { throwIfNoEntry: false });
      if (self === undefined || !self.isDirectory()) continue;
      seen.set(dir, self.mtimeMs);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (skipped.has(path)) continue;
        const info = lstatSync(path, { throwIfNoEntry: false });
        if (info === undefined) continue;
        visit(path, info);
        if (info.isDirectory()) pending.push(path);
      }
    }
  };
  const giveToSandbox = (path: string, info: Stats): void => {
    if (!handable(info)) return;
    if (info.uid !== user.uid || info.gid !== user.gid) lchownSync(path, user.uid, user.gid);
  };
  const openTop = (): void => {
    chownSync(workspace, topOwner.uid, user.gid);
    chmodSync(workspace, (topOwner.mode ?? 0o755) | 0o070);
  };

  try {
    walk((path, info) => {
      if (!handable(info)) return;
      const special = info.mode & SPECIAL_BITS;
      if (info.uid !== topOwner.uid || info.gid !== topOwner.gid || special !== 0) {
        original.set(path, { uid: info.uid, gid: info.gid, ...(special === 0 ? {} : { mode: info.mode & 0o7777 }) });
      }
      giveToSandbox(path, info);
    });
    openTop();
  } catch (cause) {
    throw new GreenlightError(
      'sandbox-unavailable',
      `greenlight runs as root, so sandboxed commands run as an unprivileged user that must own the workspace, but ${workspace} could not be handed over (${(cause as Error).message}). ` +
        'Run greenlight as an unprivileged user, or keep the workspace on a filesystem where root may change owners.',
      { cause },
    );
  }

  return {
    prepare() {
      const changed: string[] = [];
      const previous = seen;
      seen = new Map();
      for (const [dir, mtime] of previous) {
        const info = lstatSync(dir, { throwIfNoEntry: false });
        if (info === undefined || !info.isDirectory()) continue;
        if (info.mtimeMs === mtime) seen.set(dir, mtime);
        else changed.push(dir);
      }
      // A changed directory is listed again; a directory new to it is walked whole.
      for (const dir of changed) {
        seen.set(dir, lstatSync(dir).mtimeMs);
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (skipped.has(path)) continue;
          const info = lstatSync(path, { throwIfNoEntry: false });
          if (info === undefined) continue;
          giveToSandbox(path, info);
          if (info.isDirectory() && !previous.has(path)) walk(giveToSandbox, [path]);
        }
      }
      openTop();
    },
    restore() {
      walk((path, info) => {
        // Not recorded: handed over as the top directory's owner had it, or made during a run. Anything
        // else (a file with other links, never handed over) keeps its owner.
        if (!original.has(path) && info.uid !== user.uid) return;
        const want = original.get(path) ?? { uid: topOwner.uid, gid: topOwner.gid };
        if (info.uid !== want.uid || info.gid !== want.gid) lchownSync(path, want.uid, want.gid);
        if (want.mode !== undefined && !info.isSymbolicLink()) chmodSync(path, want.mode);
      });
      chownSync(workspace, topOwner.uid, topOwner.gid);
      chmodSync(workspace, topOwner.mode ?? 0o755);
    },
  };
}

/** Directories and files with a single name; see the module comment for links. */
function handable(info: Stats): boolean {
  return info.isDirectory() || info.nlink === 1;
}
