/**
 * Turns a patch into a commit without touching the working tree: a temporary index
 * is filled from the base tree, `git apply --cached` applies the patch (binary
 * patches included), and `write-tree` + `commit-tree` record it. No checkout, no
 * filters or LFS smudge, no hooks: the publish step runs no repository code, and the
 * commit holds exactly the patch that was validated — nothing else in the working
 * tree can slip in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git, runGit } from '../git/run-git.ts';

export type ApplyResult = { ok: true; tree: string; baseTree: string } | { ok: false; message: string };

/**
 * Applies `patch` to `base`'s tree in a throwaway index. A patch that does not apply
 * (wrong base, tampered content, a path git refuses) is a value with git's reason.
 */
export async function applyPatchToTree(root: string, base: string, patch: string | Uint8Array): Promise<ApplyResult> {
  const dir = await mkdtemp(join(tmpdir(), 'greenlight-publish-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    const baseTree = (await git(root, ['rev-parse', '--verify', '--end-of-options', `${base}^{tree}`])).trim();
    await git(root, ['read-tree', baseTree], { env });
    const size = typeof patch === 'string' ? patch.length : patch.byteLength;
    if (size > 0) {
      const applied = await runGit(root, ['apply', '--cached', '--binary', '--whitespace=nowarn', '-'], {
        env,
        input: patch,
      });
      if (applied.exitCode !== 0) {
        const reasons = applied.stderr
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '')
          .slice(0, 5)
          .join('; ');
        return { ok: false, message: reasons === '' ? `git apply exited with ${applied.exitCode}` : reasons };
      }
    }
    const tree = (await git(root, ['write-tree'], { env })).trim();
    return { ok: true, tree, baseTree };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `tree`, an object of this repository (the job's verified result), as the change on
 * `base`: the same answer applyPatchToTree gives for the change's patch, without the
 * round trip through text.
 */
export async function treeOnBase(root: string, base: string, tree: string): Promise<ApplyResult> {
  const type = await runGit(root, ['cat-file', '-t', '--end-of-options', tree]);
  if (type.exitCode !== 0 || type.stdout.trim() !== 'tree') {
    return { ok: false, message: `the job's result ${tree.slice(0, 12)} is not a tree of this repository` };
  }
  const baseTree = (await git(root, ['rev-parse', '--verify', '--end-of-options', `${base}^{tree}`])).trim();
  return { ok: true, tree, baseTree };
}

export interface CommitIdentity {
  name: string;
  email: string;
}

/** Records `tree` as a commit with parent `parent`; author and committer are `identity`. */
export async function commitTree(
  root: string,
  tree: string,
  parent: string,
  message: string,
  identity: CommitIdentity,
): Promise<string> {
  const env = {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
  return (
    await git(root, ['commit-tree', '--no-gpg-sign', tree, '-p', parent, '-F', '-'], { env, input: message })
  ).trim();
}
