/**
 * A detached worktree of a repository at one commit, in a fresh temp directory: a
 * second working tree that shares the repository's objects and refs but none of its
 * working files. The engine runs in one (so the user's checkout is never touched:
 * docs/security.md §31) and verifies a change in another, made from exactly the commit
 * it will publish (docs/security.md §28). Hooks never run (run-git.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, runGit } from './run-git.ts';

export interface Worktree {
  /** The worktree's root. */
  readonly root: string;
  /** Removes the worktree and its files, and git's record of it. Never throws. */
  remove(): Promise<void>;
}

/**
 * Checks `commit` out into a new worktree of the repository at `repoRoot`.
 * @example
 * const wt = await addWorktree('/repo', base, 'run');
 * try { … } finally { await wt.remove(); }
 */
export async function addWorktree(repoRoot: string, commit: string, label: string): Promise<Worktree> {
  const parent = await mkdtemp(join(tmpdir(), `greenlight-${label}-`));
  const root = join(parent, 'checkout');
  try {
    await git(repoRoot, ['worktree', 'add', '--detach', '--quiet', root, commit]);
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
  return {
    root,
    async remove() {
      await runGit(repoRoot, ['worktree', 'remove', '--force', '--force', root]).catch(() => undefined);
      await rm(parent, { recursive: true, force: true }).catch(() => undefined);
      // A worktree whose folder is gone already leaves a record behind: prune it.
      await runGit(repoRoot, ['worktree', 'prune']).catch(() => undefined);
    },
  };
}
