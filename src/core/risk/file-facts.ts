/** Builds what rules know about a changed file (see rule.ts). */
import type { FileChange } from '../../ports/workspace.ts';
import { isCommentOnly } from './comment-only.ts';
import { isDocPath, isTestPath } from './path-sets.ts';
import type { FileFacts } from './rule.ts';

/** Facts of `change` evaluated at its own path. */
export function fileFacts(change: FileChange, text: string | undefined): FileFacts {
  return factsAt(change, change.path, {
    added: change.addedLines.join('\n'),
    removed: change.removedLines.join('\n'),
    text,
    commentOnly: !change.binary && isCommentOnly(change.path, change.addedLines, change.removedLines),
  });
}

/** The same facts, evaluated at another path (a rename's previous path). */
export function factsAt(
  change: FileChange,
  path: string,
  shared: Pick<FileFacts, 'added' | 'removed' | 'text' | 'commentOnly'>,
): FileFacts {
  const basename = path.slice(path.lastIndexOf('/') + 1);
  const dot = basename.lastIndexOf('.');
  return {
    change,
    path,
    basename,
    extension: dot <= 0 ? '' : basename.slice(dot + 1).toLowerCase(),
    added: shared.added,
    removed: shared.removed,
    text: shared.text,
    commentOnly: shared.commentOnly,
    isTest: isTestPath(path),
    isDoc: isDocPath(path),
  };
}
