/**
 * Everything `greenlight classify` needs from a repository for one revision range:
 * the changes, the new text of changed files (for whole-file rules), the content
 * evidence (base texts, manifests, tests) for the content rule, and the config
 * file as it is at the base, so that a change cannot lower its own tier.
 */
import { diffChanges } from '../adapters/git/diff-changes.ts';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { readBlobs } from '../adapters/git/read-blobs.ts';
import { readContentEvidence, revisionEvidence } from '../adapters/git/read-content-evidence.ts';
import { emptyTree, resolveRevision } from '../adapters/git/resolve-revision.ts';
import { runGit } from '../adapters/git/run-git.ts';
import type { ContentEvidence } from '../core/risk/evidence/content-evidence.ts';
import type { FileChange } from '../ports/workspace.ts';

export interface RevisionChange {
  /** Top level of the repository. */
  root: string;
  /** Object id of the base (a commit, or the empty tree for a root commit). */
  base: string;
  /** Object id of the head commit. */
  head: string;
  /** How the base was chosen, for messages: the given name, `HEAD~1`, or `empty tree`. */
  baseLabel: string;
  changes: FileChange[];
  /** Text of changed files at the head (binary, deleted and large files left out). */
  contents: Map<string, string>;
  /** What the content rule reads besides `contents` (read-content-evidence.ts). */
  evidence: ContentEvidence;
  /** Text of `configPath` at the base, or null when it does not exist there. */
  configAtBase: string | null;
}

export interface RevisionRange {
  /** Default: the first parent of `head`, or the empty tree when `head` is a root commit. */
  base?: string;
  /** Default: HEAD. */
  head?: string;
}

/** Reads the change from `range.base` to `range.head` in the repository containing `dir`. */
export async function readRevisionChange(
  dir: string,
  range: RevisionRange,
  configPath: string,
): Promise<RevisionChange> {
  const { root } = await LocalWorkspace.open(dir);
  const headName = range.head ?? 'HEAD';
  const head = await resolveRevision(root, headName);
  let base: string;
  let baseLabel: string;
  if (range.base !== undefined) {
    base = await resolveRevision(root, range.base);
    baseLabel = range.base;
  } else {
    const parent = await runGit(root, ['rev-parse', '--verify', '--quiet', `${head}~1^{commit}`]);
    base = parent.exitCode === 0 ? parent.stdout.trim() : await emptyTree(root);
    baseLabel = parent.exitCode === 0 ? `${headName}~1` : 'empty tree (root commit)';
  }
  const changes = await diffChanges(root, [base, head]);
  const readable = changes
    .filter((c) => c.status !== 'deleted' && !c.binary && c.newMode !== '160000')
    .map((c) => c.path);
  const [contents, config] = await Promise.all([readBlobs(root, head, readable), readBlobs(root, base, [configPath])]);
  const evidence = await readContentEvidence(revisionEvidence(root, base, head), changes, contents);
  return { root, base, head, baseLabel, changes, contents, evidence, configAtBase: config.get(configPath) ?? null };
}
