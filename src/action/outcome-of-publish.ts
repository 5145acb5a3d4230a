/**
 * The Action's outcome once the engine ran and the publisher did (or refused) its
 * part: a pull request opened or updated, a branch with the work so far, or why
 * nothing was pushed.
 */
import type { LoopOutcome } from '../core/loop/loop-outcome.ts';
import type { PublishResult } from '../core/publish/publish-types.ts';
import type { ActionOutcome } from './action-outcome.ts';

/** Why a loop outcome is not a verified change, in a sentence; null when it is one. */
export function loopShortfall(outcome: LoopOutcome): string | null {
  switch (outcome.kind) {
    case 'succeeded':
      return null;
    case 'gave-up':
      return outcome.reason.message;
    case 'refused':
      return outcome.reason;
  }
}

/**
 * @param run `shortfall`: why the change is not verified (`loopShortfall`), null when it is;
 *   `costUsd`: the model spend of the run.
 */
export function outcomeOfPublish(
  run: { shortfall: string | null; costUsd: number },
  result: PublishResult,
): ActionOutcome {
  const { shortfall } = run;
  if (result.kind === 'refused') {
    switch (result.reason) {
      case 'no-changes':
        return {
          kind: 'gave-up',
          reason: shortfall ?? result.message,
          branch: null,
          pr: null,
          riskTier: 'low',
          costUsd: run.costUsd,
        };
      case 'fork':
      case 'pr-closed':
        return { kind: 'refused', reason: result.message };
      case 'head-moved':
      case 'forbidden-paths':
      case 'secrets':
      case 'too-large':
        return { kind: 'failed', what: 'publishing', why: result.message };
    }
  }
  const spend = { riskTier: result.risk.tier, costUsd: run.costUsd };
  switch (result.kind) {
    case 'opened':
    case 'updated':
    case 'pushed-fix': {
      const pr = { number: result.prNumber, url: result.prUrl };
      if (shortfall !== null) return { kind: 'gave-up', reason: shortfall, branch: result.branch, pr, ...spend };
      return {
        kind: result.kind === 'opened' ? 'opened' : 'updated',
        pr,
        branch: result.branch,
        commitSha: result.commitSha,
        ...spend,
      };
    }
    case 'pushed-branch':
      return { kind: 'gave-up', reason: shortfall ?? result.reason, branch: result.branch, pr: null, ...spend };
    case 'dry-run':
      return { kind: 'dry-run', verified: shortfall === null, ...spend };
  }
}

/** The outcome of `mode: publish`: a bundle re-validated and published by the publish job. */
export function outcomeOfBundle(bundle: {
  result: PublishResult;
  verified: boolean;
  costUsd: number;
  reason: string | null;
}): ActionOutcome {
  const { result } = bundle;
  if (result.kind === 'refused') {
    return outcomeOfPublish(
      { shortfall: bundle.verified ? null : (bundle.reason ?? result.message), costUsd: bundle.costUsd },
      result,
    );
  }
  if (result.kind === 'dry-run')
    return { kind: 'dry-run', verified: bundle.verified, riskTier: result.risk.tier, costUsd: bundle.costUsd };
  const pr = result.kind === 'pushed-branch' ? null : { number: result.prNumber, url: result.prUrl };
  return {
    kind: 'published',
    pr,
    branch: result.branch,
    riskTier: result.risk.tier,
    verified: bundle.verified && result.kind !== 'pushed-branch',
  };
}
