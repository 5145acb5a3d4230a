/**
 * Writes a change bundle (see core/bundle/change-bundle.ts): the job's binary-safe
 * patch against the recorded base as `change.patch`, and `manifest.json`. The generate
 * job of a two-job workflow writes it instead of pushing; the workflow uploads the
 * directory as an artifact for the publish job.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobResult } from '../../core/job.ts';
import { buildBundleManifest } from '../../core/bundle/build-bundle-manifest.ts';
import {
  BUNDLE_MANIFEST_FILE,
  BUNDLE_PATCH_FILE,
  type BundleManifest,
  type BundleTarget,
} from '../../core/bundle/change-bundle.ts';
import type { Evidence } from '../../core/evidence/evidence.ts';
import { GreenlightError } from '../../ports/errors.ts';
import type { Requester } from '../../core/publish/publish-types.ts';
import { VERSION } from '../../version.ts';
import { DIFF_FLAGS } from '../git/diff-changes.ts';
import { git, runGitBytes } from '../git/run-git.ts';
import { faithfulPatch } from './faithful-patch.ts';

export interface ChangeBundleInput {
  job: JobResult;
  mode: 'generate' | 'fix';
  target: BundleTarget;
  /** The commit the job started from (for fix: the pull request head at trigger time). */
  baseSha: string;
  requester?: Requester;
  /**
   * The job's repository. With it, the patch is the exact diff from the base to the tree
   * the job verified (`outcome.tree`), or read from the checkout as raw bytes when the job
   * has no tree (see faithfulPatch); without it, the job's diff text is used.
   */
  root?: string;
  /** Default: now. */
  createdAt?: Date;
  /** The job's evidence record, carried to the publish job. */
  evidence?: Evidence;
}

/**
 * Writes the bundle into `dir` (created when missing; it must be empty) and returns its
 * manifest. Check the change first (checkJobChange): this writes whatever it is given.
 * @example await writeChangeBundle(join(env.RUNNER_TEMP, 'greenlight-bundle'), { job, mode: 'generate',
 *   target: { kind: 'issue', number: 12, title }, baseSha })
 */
export async function writeChangeBundle(dir: string, input: ChangeBundleInput): Promise<BundleManifest> {
  if (input.job.outcome.kind === 'refused') {
    throw new GreenlightError(
      'usage',
      `the job was refused (${input.job.outcome.reason}); there is no change to bundle.`,
    );
  }
  const { diff, tree } = input.job.outcome;
  const root = input.root;
  const patch =
    root !== undefined && tree !== undefined
      ? await exactPatch(root, input.baseSha, tree)
      : Buffer.from(await textPatch(root, input.baseSha, diff));
  const manifest = buildBundleManifest({
    outcome: input.job.outcome,
    claimedTier: input.job.risk.tier,
    reportMarkdown: input.job.reportMarkdown,
    costUsd: input.job.costUsd,
    mode: input.mode,
    target: input.target,
    baseSha: input.baseSha,
    ...(input.requester === undefined ? {} : { requester: input.requester }),
    patch: { bytes: patch.byteLength, sha256: createHash('sha256').update(patch).digest('hex') },
    greenlightVersion: VERSION,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    ...(input.evidence === undefined ? {} : { evidence: input.evidence }),
  });
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new GreenlightError(
      'usage',
      `the bundle directory ${dir} is not empty: pass a new directory as bundle_path (e.g. under RUNNER_TEMP).`,
    );
  }
  await writeFile(join(dir, BUNDLE_PATCH_FILE), patch);
  await writeFile(join(dir, BUNDLE_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** `git diff --binary` from `base` to `tree`, byte for byte. */
async function exactPatch(root: string, base: string, tree: string): Promise<Buffer> {
  const baseTree = (await git(root, ['rev-parse', '--verify', '--end-of-options', `${base}^{tree}`])).trim();
  const result = await runGitBytes(root, ['diff', ...DIFF_FLAGS, '--binary', baseTree, tree, '--']);
  if (result.exitCode !== 0)
    throw new GreenlightError(
      'git',
      `git diff failed in ${root}: ${result.stderr.trim() || `exit ${result.exitCode}`}.`,
    );
  return result.stdout;
}

/** The job's diff text, read again as raw bytes from the checkout when that is lossless (faithfulPatch). */
async function textPatch(root: string | undefined, base: string, diff: string): Promise<Uint8Array> {
  const faithful = root === undefined ? diff : await faithfulPatch(root, base, diff);
  return typeof faithful === 'string' ? Buffer.from(faithful, 'utf8') : faithful;
}
