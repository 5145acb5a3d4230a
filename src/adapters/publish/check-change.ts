/**
 * Reads what a change holds — every changed file's new size, its added lines with their
 * numbers, a binary file's content — and refuses it when it carries a secret or is over
 * a size limit (core/publish/check-change-content.ts). Every way greenlight publishes
 * runs it before pushing or keeping anything: the Action's pull requests, `/fix`
 * commits and work-in-progress branches, change bundles (when written and again when
 * published) and `greenlight run`'s local branch (docs/security.md §29, §33).
 */
import type { PublishConfig } from '../../core/config/repo-config.ts';
import {
  checkChangeContent,
  describeOversize,
  describeSecretFindings,
  type ChangedContent,
} from '../../core/publish/check-change-content.ts';
import type { PublishRefusal } from '../../core/publish/publish-types.ts';
import { createRedactor } from '../../core/redact/create-redactor.ts';
import { TOKEN_SHAPES } from '../../core/redact/token-patterns.ts';
import type { JobResult } from '../../core/job.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { FileChange } from '../../ports/workspace.ts';
import { applyPatchToTree } from './commit-patch.ts';
import { diffChanges } from '../git/diff-changes.ts';
import { git, runGitBytes } from '../git/run-git.ts';

export interface CheckChangeOptions {
  limits: PublishConfig;
  /** The secret values the job holds (tokens, keys, secret-looking variables). */
  secrets: readonly (string | undefined)[];
  /** The changes from `base` to `head`, when the caller has them already. */
  changes?: readonly FileChange[];
}

/**
 * A refusal when the change from `base` to `head` (commits or trees) may not be
 * published, or null when it may.
 * @example
 * const refusal = await checkChange(root, baseTree, tree, { limits: config.publish, secrets: [token] });
 * if (refusal !== null) return refusal; // nothing pushed
 */
export async function checkChange(
  root: string,
  base: string,
  head: string,
  options: CheckChangeOptions,
): Promise<PublishRefusal | null> {
  const changes = options.changes ?? (await diffChanges(root, [base, head]));
  const sizes = await blobSizes(
    root,
    head,
    changes.filter((c) => c.status !== 'deleted' && c.newMode !== '160000').map((c) => c.path),
  );
  const files: ChangedContent[] = [];
  for (const change of changes) {
    const entry = sizes.get(change.path);
    const file: ChangedContent = {
      path: change.path,
      status: change.status,
      bytes: entry?.bytes ?? null,
      added: change.addedLines.map((text, i) => ({ line: change.addedAt?.[i] ?? 0, text })),
    };
    if (change.binary && entry !== undefined && entry.bytes <= options.limits.maxFileBytes) {
      file.binaryText = (await runGitBytes(root, ['cat-file', 'blob', entry.oid])).stdout.toString('latin1');
    }
    files.push(file);
  }
  const scanner = createRedactor({ secrets: options.secrets, patterns: TOKEN_SHAPES });
  const problems = checkChangeContent(files, { find: scanner.find, limits: options.limits });
  if (problems.secrets.length > 0) {
    return {
      kind: 'refused',
      reason: 'secrets',
      message: describeSecretFindings(problems.secrets),
      findings: problems.secrets,
    };
  }
  if (problems.oversize.length > 0) {
    return {
      kind: 'refused',
      reason: 'too-large',
      message: describeOversize(problems.oversize),
      oversize: problems.oversize,
    };
  }
  return null;
}

/** Object id and size of each of `paths` in `tree`. */
async function blobSizes(
  root: string,
  tree: string,
  paths: readonly string[],
): Promise<Map<string, { oid: string; bytes: number }>> {
  const sizes = new Map<string, { oid: string; bytes: number }>();
  for (let i = 0; i < paths.length; i += 500) {
    const out = await git(root, ['ls-tree', '-r', '-l', '-z', tree, '--', ...paths.slice(i, i + 500)], {
      env: { GIT_LITERAL_PATHSPECS: '1' },
    });
    for (const record of out.split('\0')) {
      const match = /^\d+ blob ([0-9a-f]+) +(\d+)\t(.*)$/s.exec(record);
      if (match !== null) sizes.set(match[3] ?? '', { oid: match[1] ?? '', bytes: Number(match[2]) });
    }
  }
  return sizes;
}

/**
 * `checkChange` for a finished job's change before it leaves the job some other way than
 * a push (a change bundle): its verified tree when it has one, else its patch applied to
 * `base` in a throwaway index. A refused job has no change: null.
 */
export async function checkJobChange(
  root: string,
  job: JobResult,
  base: string,
  options: Omit<CheckChangeOptions, 'changes'>,
): Promise<PublishRefusal | null> {
  const { outcome } = job;
  if (outcome.kind === 'refused') return null;
  let head = outcome.tree;
  if (head === undefined) {
    const applied = await applyPatchToTree(root, base, outcome.diff);
    if (!applied.ok)
      throw new GreenlightError(
        'git',
        `the job's change does not apply to its base ${base.slice(0, 12)}: ${applied.message}.`,
      );
    head = applied.tree;
  }
  return checkChange(root, base, head, options);
}
