/**
 * Reads what the content rule needs besides the head text of changed files
 * (core/risk/evidence/plan-evidence.ts decides what): texts at the base, package
 * manifests at the base, and tests at the head named after changed modules. Nothing is
 * read when no changed module could be pure, so most changes cost no extra git call.
 */
import type { ContentEvidence } from '../../core/risk/evidence/content-evidence.ts';
import { planEvidence, testsToRead } from '../../core/risk/evidence/plan-evidence.ts';
import { MANIFEST_NAMES } from '../../core/risk/evidence/package-facts.ts';
import { isTestCodePath } from '../../core/risk/path-sets.ts';
import type { FileChange } from '../../ports/workspace.ts';
import { readBlobs } from './read-blobs.ts';
import { runGit } from './run-git.ts';
import { GreenlightError } from '../../ports/errors.ts';

/** Where the evidence is read from: two revisions, or a base revision and a working tree. */
export interface EvidenceSource {
  readBase(paths: readonly string[]): Promise<Map<string, string>>;
  readHead(paths: readonly string[]): Promise<Map<string, string>>;
  /** Every file at the head, relative paths. */
  listHead(): Promise<string[]>;
}

const isManifest = (path: string) =>
  (MANIFEST_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf('/') + 1));

/** The content evidence for `changes`, whose head texts are `contents`. */
export async function readContentEvidence(
  source: EvidenceSource,
  changes: readonly FileChange[],
  contents: ReadonlyMap<string, string>,
): Promise<ContentEvidence> {
  const plan = planEvidence(changes, contents);
  // Changed tests are evidence too: a test added with the module exercises it.
  const changedTests = new Map([...contents].filter(([path]) => isTestCodePath(path)));
  if (plan.candidates.length === 0) return { base: new Map(), manifests: new Map(), tests: changedTests };
  const [atBase, files] = await Promise.all([source.readBase(plan.atBase), source.listHead()]);
  const wanted = testsToRead(plan.candidates, files).filter((path) => !changedTests.has(path));
  const tests = new Map([...changedTests, ...(await source.readHead(wanted))]);
  const manifests = new Map([...atBase].filter(([path]) => isManifest(path)));
  const base = new Map([...atBase].filter(([path]) => !isManifest(path)));
  return { base, manifests, tests };
}

/** Every file of a tree-ish (a commit or a tree id). */
export async function listTree(root: string, revision: string): Promise<string[]> {
  const result = await runGit(root, ['ls-tree', '-r', '-z', '--name-only', revision]);
  if (result.exitCode !== 0) {
    throw new GreenlightError('git', `git ls-tree ${revision} failed in ${root}: ${result.stderr.trim()}`);
  }
  return result.stdout.split('\0').filter((path) => path !== '');
}

/** Evidence read from two revisions of the repository at `root`. */
export function revisionEvidence(root: string, base: string, head: string): EvidenceSource {
  return {
    readBase: (paths) => readBlobs(root, base, paths),
    readHead: (paths) => readBlobs(root, head, paths),
    listHead: () => listTree(root, head),
  };
}
