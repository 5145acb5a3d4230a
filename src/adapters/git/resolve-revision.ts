/** Resolves user-supplied revisions to object ids, refusing option-like names. */
import { GreenlightError } from '../../ports/errors.ts';
import { git, runGit } from './run-git.ts';

/**
 * The object id of `revision` (a commit or a tree). Throws GreenlightError('git')
 * naming the revision when it does not exist.
 */
export async function resolveRevision(root: string, revision: string): Promise<string> {
  if (revision.startsWith('-') || revision.trim() === '') {
    throw new GreenlightError(
      'git',
      `'${revision}' is not a revision: pass a branch, tag or commit such as HEAD~1 or origin/main.`,
    );
  }
  const result = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{tree}`]);
  if (result.exitCode !== 0) {
    // Tell "not a repository" apart from "no such revision".
    await git(root, ['rev-parse', '--git-dir']);
    throw new GreenlightError(
      'git',
      `unknown revision '${revision}' in ${root}: check the name, or fetch it first (git fetch origin ${revision}); in a shallow clone, fetch more history (fetch-depth: 0).`,
    );
  }
  const commit = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  return (commit.exitCode === 0 ? commit.stdout : result.stdout).trim();
}

/** The id of the empty tree in this repository's hash (SHA-1 or SHA-256). */
export async function emptyTree(root: string): Promise<string> {
  return (await git(root, ['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim();
}
