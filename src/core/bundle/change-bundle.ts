/**
 * The change bundle (privilege separation, README.md "Two jobs, least privilege"): what a
 * read-only generate/fix job hands to the publish job, which holds the write token
 * and re-validates everything. A bundle is a directory with two files:
 *
 * - `change.patch`: `git diff --binary` of the change against `baseSha` (bytes);
 * - `manifest.json`: this schema — mode, target, base, the report, test results,
 *   usage and cost, the tier the job claims, the patch's size and SHA-256, and the
 *   job's evidence record (built from its audit log), which the publish job completes
 *   with the commit it makes and its own classification.
 *
 * Nothing in a bundle is trusted: the patch must apply to the recorded base, the
 * paths are checked again, and the tier is recomputed (`claimedTier` is only shown).
 */
import { z } from 'zod';
import { Evidence } from '../evidence/evidence.ts';
import { RISK_TIERS } from '../risk/tier.ts';
import { DEFAULT_BUNDLE_LIMITS } from './bundle-limits.ts';

export const BUNDLE_VERSION = 1;
export const BUNDLE_MANIFEST_FILE = 'manifest.json';
export const BUNDLE_PATCH_FILE = 'change.patch';

/** A full object id: SHA-1 (40 hex) or SHA-256 (64 hex). */
export const ObjectId = z
  .string()
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'a full commit SHA (40 or 64 lower-case hex digits)');
const Count = z.number().int().nonnegative();
const IssueNumber = z.number().int().positive().max(2_147_483_647);

export const BundleTestTotals = z.strictObject({
  passed: Count,
  failed: Count,
  errored: Count,
  skipped: Count,
  total: Count,
});

export const BundleTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('issue'), number: IssueNumber, title: z.string().max(1_000) }),
  z.strictObject({
    kind: z.literal('pull-request'),
    number: IssueNumber,
    headRef: z.string().min(1).max(255),
    headSha: ObjectId,
  }),
]);

export const BundleManifest = z
  .strictObject({
    tool: z.literal('greenlight'),
    version: z.literal(BUNDLE_VERSION),
    greenlightVersion: z.string().max(50),
    createdAt: z.iso.datetime(),
    mode: z.enum(['generate', 'fix']),
    target: BundleTarget,
    /** The commit the job started from: the patch applies to it. For fix, the PR head at trigger time. */
    baseSha: ObjectId,
    requester: z
      .strictObject({
        login: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/, 'a GitHub login'),
        id: z.number().int().positive().optional(),
      })
      .optional(),
    outcome: z.strictObject({
      kind: z.enum(['succeeded', 'gave-up']),
      stop: z.strictObject({ code: z.string().max(50), message: z.string().max(2_000) }).optional(),
    }),
    /** The job's classification. Shown, never used: the publish step classifies itself. */
    claimedTier: z.enum(RISK_TIERS),
    reportMarkdown: z.string().max(DEFAULT_BUNDLE_LIMITS.reportChars),
    tests: z.strictObject({ baseline: BundleTestTotals, final: BundleTestTotals.nullable() }),
    usage: z.strictObject({ inputTokens: Count, outputTokens: Count, cacheWriteTokens: Count, cacheReadTokens: Count }),
    costUsd: z.number().nonnegative(),
    model: z.string().max(200),
    patch: z.strictObject({
      file: z.literal(BUNDLE_PATCH_FILE),
      bytes: Count,
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
    }),
    /** The changed paths as the job saw them (informational; git's view is what counts). */
    files: z
      .array(
        z.strictObject({
          path: z.string().min(1).max(4_096),
          status: z.enum(['added', 'modified', 'deleted', 'renamed']),
        }),
      )
      .max(DEFAULT_BUNDLE_LIMITS.files),
    /** The job's evidence record so far (no commit yet): docs/architecture.md "The evidence record". */
    evidence: Evidence.optional(),
  })
  .superRefine((manifest, ctx) => {
    const expected = manifest.mode === 'generate' ? 'issue' : 'pull-request';
    if (manifest.target.kind !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'kind'],
        message: `a ${manifest.mode} bundle targets ${expected === 'issue' ? 'an issue' : 'a pull request'}`,
      });
    }
    if (manifest.target.kind === 'pull-request' && manifest.target.headSha !== manifest.baseSha) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseSha'],
        message: 'a fix bundle starts from the pull request head it targets (baseSha must equal target.headSha)',
      });
    }
    if (manifest.outcome.kind === 'gave-up' && manifest.outcome.stop === undefined) {
      ctx.addIssue({ code: 'custom', path: ['outcome', 'stop'], message: 'a gave-up outcome says why it stopped' });
    }
  });

export type BundleManifest = z.infer<typeof BundleManifest>;
export type BundleTarget = z.infer<typeof BundleTarget>;
