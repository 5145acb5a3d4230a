/** Changes between two revisions, e.g. for `greenlight classify --base A --head B`. */
import type { FileChange } from '../../ports/workspace.ts';
import { diffChanges } from './diff-changes.ts';
import { resolveRevision } from './resolve-revision.ts';

/**
 * The FileChange list from `base` to `head` (commits, refs or tree ids). Throws
 * GreenlightError('git') for an unknown revision or a directory that is not a repository.
 */
export async function changesBetween(root: string, base: string, head: string): Promise<FileChange[]> {
  const [from, to] = await Promise.all([resolveRevision(root, base), resolveRevision(root, head)]);
  return diffChanges(root, [from, to]);
}
