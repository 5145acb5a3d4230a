/**
 * What every publish function needs, and the change it publishes in a form shared by
 * the single-job path (a JobResult) and the two-job path (a change bundle).
 */
import type { JobResult } from '../../core/job.ts';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { PublishedCommit, Requester } from '../../core/publish/publish-types.ts';
import type { RiskTier } from '../../core/risk/tier.ts';
import type { Forge } from '../../ports/forge.ts';

export interface PublishContext {
  /** The checkout; its `origin` is pushed to. Its working tree is never read or changed. */
  root: string;
  forge: Forge;
  /** Effective config, read from the default branch. */
  config: RepoConfig;
  /** Who asked (from the event, never from a bundle). */
  requester?: Requester;
  /** Token for git over HTTPS (contents: write); passed per command, never stored. */
  token: string;
  /** GITHUB_SERVER_URL. */
  serverUrl: string;
  /** Build and classify the commit, but push nothing and write nothing to GitHub. */
  dryRun?: boolean;
  /** greenlight's own login (its reviews never count). */
  botLogin?: string | null;
  /** Link shown on the gate check (the workflow run). */
  detailsUrl?: string;
  /** Other secret values to keep out of the PR body (the token always is). */
  secrets?: readonly string[];
  /**
   * Told of every commit the publish step keeps (pushed, or made for a dry run), before
   * anything is written about it; returns the evidence section a pull-request body ends
   * with (docs/architecture.md "The evidence record").
   */
  evidence?: (commit: PublishedCommit) => Promise<string>;
}

/** A change ready to publish. */
export interface ChangeToPublish {
  kind: 'succeeded' | 'gave-up';
  stop?: { code: string; message: string };
  /** `git diff --binary` against the base. */
  patch: string | Uint8Array;
  /**
   * The change as a tree of this repository, when the job ran here: the tree its final
   * verification tested (docs/security.md §28), published as it is instead of the patch.
   */
  tree?: string;
  reportMarkdown: string;
  /** The tier the producer claims; it may raise the publish step's own, never lower it. */
  claimedTier: RiskTier;
}

/** The change of a finished job, or null when the job produced none (it was refused). */
export function changeFromJob(job: JobResult): ChangeToPublish | null {
  const { outcome } = job;
  if (outcome.kind === 'refused') return null;
  return {
    kind: outcome.kind,
    ...(outcome.kind === 'gave-up' ? { stop: { code: outcome.reason.code, message: outcome.reason.message } } : {}),
    patch: outcome.diff,
    ...(outcome.tree === undefined ? {} : { tree: outcome.tree }),
    reportMarkdown: job.reportMarkdown,
    claimedTier: job.risk.tier,
  };
}
