/**
 * `mode: publish` (README.md "Two jobs, least privilege"): publishes a change bundle written
 * by a read-only job. This job holds the write token but no model key, and runs no
 * repository code: git runs without hooks, filters or LFS smudging, and the commit is
 * built from the patch in a throwaway index.
 *
 * It re-validates everything on its own before pushing:
 * - the bundle's files and schema, sizes, and the patch's SHA-256 (readChangeBundle);
 * - that the bundle is about what THIS workflow run is about (`expected`, from the
 *   event): same mode, same issue or pull request, and for `/fix` the same recorded head;
 * - that a generate bundle's base is a commit of the base branch;
 * - that the patch applies cleanly to that base (`git apply --cached`);
 * - the path rules (no workflows, no `.git`, paths.deny/allow), and its OWN risk
 *   classification: a bundle's `claimedTier` can raise the tier, never lower it
 *   (docs/security.md §20: a bundle claiming `low` for a migration is published `critical`).
 * The requester comes from `context.requester` (the event), never from the bundle.
 */
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from '../../core/bundle/bundle-limits.ts';
import type { BundleManifest } from '../../core/bundle/change-bundle.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { PublishResult } from '../../core/publish/publish-types.ts';
import { applyPatchToTree } from './commit-patch.ts';
import type { ChangeToPublish, PublishContext } from './publish-context.ts';
import { publishFixChange, type FixTarget } from './publish-fix.ts';
import { publishGenerateChange, type GenerateTarget } from './publish-generate.ts';
import { runGit } from '../git/run-git.ts';
import { readChangeBundle } from './read-change-bundle.ts';
import { ensureCommit, fetchBranch } from './remote-git.ts';
import type { GitAuth } from '../../core/publish/git-auth-env.ts';

/** What the workflow run is about, from its event: the bundle must agree. */
export type BundleExpectation =
  | { mode: 'generate'; issue: { number: number; title: string }; baseBranch: string; runId?: string }
  | { mode: 'fix'; pr: FixTarget };

export interface PublishBundleOptions extends PublishContext {
  /** The downloaded bundle directory. */
  bundlePath: string;
  expected: BundleExpectation;
  limits?: BundleLimits;
}

export interface PublishBundleResult {
  /** The bundle as read (for outputs such as cost); its tier claim was not used to lower anything. */
  manifest: BundleManifest;
  result: PublishResult;
}

export async function publishBundle(options: PublishBundleOptions): Promise<PublishBundleResult> {
  const { manifest, patch } = await readChangeBundle(options.bundlePath, options.limits ?? DEFAULT_BUNDLE_LIMITS);
  const auth: GitAuth = { serverUrl: options.serverUrl, token: options.token };
  const { expected } = options;
  checkTarget(manifest, expected);
  if (expected.mode === 'generate') await checkBaseOnBranch(options.root, auth, manifest.baseSha, expected.baseBranch);
  else await ensureCommit(options.root, auth, manifest.baseSha);

  const applied = await applyPatchToTree(options.root, manifest.baseSha, patch);
  if (!applied.ok) {
    throw new GreenlightError(
      'bundle-invalid',
      `the bundle's patch does not apply to its base ${manifest.baseSha.slice(0, 12)}: ${applied.message}. Nothing was published.`,
    );
  }
  const change: ChangeToPublish = {
    kind: manifest.outcome.kind,
    ...(manifest.outcome.stop === undefined ? {} : { stop: manifest.outcome.stop }),
    patch,
    reportMarkdown: manifest.reportMarkdown,
    claimedTier: manifest.claimedTier,
  };
  // The publish job's evidence record continues the generate job's, carried in the manifest.
  const hook = options.evidence;
  const context: PublishContext =
    hook === undefined || manifest.evidence === undefined
      ? options
      : { ...options, evidence: (commit) => hook({ ...commit, carried: manifest.evidence }) };
  if (expected.mode === 'generate') {
    const target: GenerateTarget = {
      issue: expected.issue,
      baseBranch: expected.baseBranch,
      baseSha: manifest.baseSha,
      ...(expected.runId === undefined ? {} : { runId: expected.runId }),
    };
    return { manifest, result: await publishGenerateChange(context, target, change) };
  }
  return { manifest, result: await publishFixChange(context, expected.pr, change) };
}

function checkTarget(manifest: BundleManifest, expected: BundleExpectation): void {
  const invalid = (what: string) =>
    new GreenlightError(
      'bundle-invalid',
      `${what}. Publish the bundle from the same workflow run that wrote it; nothing was published.`,
    );
  if (manifest.mode !== expected.mode)
    throw invalid(`the bundle is a ${manifest.mode} bundle, but this run publishes a ${expected.mode}`);
  const target = manifest.target;
  if (expected.mode === 'generate') {
    if (target.kind !== 'issue' || target.number !== expected.issue.number) {
      throw invalid(
        `the bundle is for ${target.kind === 'issue' ? 'issue' : 'pull request'} #${target.number}, but this run is about issue #${expected.issue.number}`,
      );
    }
    return;
  }
  if (target.kind !== 'pull-request' || target.number !== expected.pr.number) {
    throw invalid(
      `the bundle is for ${target.kind === 'issue' ? 'issue' : 'pull request'} #${target.number}, but this run is about pull request #${expected.pr.number}`,
    );
  }
  if (manifest.baseSha !== expected.pr.headSha || target.headRef !== expected.pr.headRef) {
    throw invalid(
      `the bundle was made on ${target.headRef}@${manifest.baseSha.slice(0, 7)}, but /fix was requested on ${expected.pr.headRef}@${expected.pr.headSha.slice(0, 7)}`,
    );
  }
}

/** A generate bundle must start from a commit of the base branch (not an arbitrary old or foreign commit). */
async function checkBaseOnBranch(root: string, auth: GitAuth, base: string, baseBranch: string): Promise<void> {
  const tip = await fetchBranch(root, auth, baseBranch);
  await ensureCommit(root, auth, base).catch((error: unknown) => {
    throw new GreenlightError(
      'bundle-invalid',
      `the bundle's base ${base.slice(0, 12)} is not a commit of this repository: ${(error as Error).message}`,
      { cause: error },
    );
  });
  let ancestor = await runGit(root, ['merge-base', '--is-ancestor', base, tip]);
  if (
    ancestor.exitCode === 1 &&
    (await runGit(root, ['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true'
  ) {
    // A shallow checkout cannot see far enough back to tell: fetch the history once.
    await fetchBranch(root, auth, baseBranch, 'unshallow');
    ancestor = await runGit(root, ['merge-base', '--is-ancestor', base, tip]);
  }
  if (ancestor.exitCode === 1) {
    throw new GreenlightError(
      'bundle-invalid',
      `the bundle's base ${base.slice(0, 12)} is not on ${baseBranch}: a generate bundle must start from the base branch. Nothing was published.`,
    );
  }
  if (ancestor.exitCode !== 0) {
    throw new GreenlightError(
      'git',
      `could not check that ${base.slice(0, 12)} is on ${baseBranch}: ${ancestor.stderr.trim()}. Check out with fetch-depth: 0.`,
    );
  }
}
