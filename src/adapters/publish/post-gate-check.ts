/**
 * The `greenlight/review-gate` check run on a commit greenlight just pushed: the gate
 * evaluated for that commit (reviews of earlier commits do not count; a standing
 * "changes requested" still holds; people who pushed to the branch do not count), with
 * the tier and the requesters remembered in the check's `externalId` for the gate mode
 * to recompute it on every review and push.
 */
import type { RepoConfig } from '../../core/config/repo-config.ts';
import { evaluateGate, type GateInput, type GateResult } from '../../core/gate/evaluate-gate.ts';
import { GATE_CHECK_NAME, gateCheckRun } from '../../core/gate/gate-check-run.ts';
import { loadGateInput } from '../../core/gate/load-gate-input.ts';
import { encodeGateMemo } from '../../core/publish/gate-external-id.ts';
import type { RiskTier } from '../../core/risk/tier.ts';
import type { Forge } from '../../ports/forge.ts';

export interface GateCheckRequest {
  prNumber: number;
  /** The commit just pushed (GitHub may not show it as the PR head yet). */
  headSha: string;
  tier: RiskTier;
  config: RepoConfig;
  requesters: readonly string[];
  botLogin: string | null;
  detailsUrl?: string;
}

/** The gate's decision, and what it read (who pushed, the code owners) for asking reviewers. */
export interface PostedGate {
  result: GateResult;
  input: GateInput;
}

export async function postGateCheck(forge: Forge, request: GateCheckRequest): Promise<PostedGate> {
  const { config } = request;
  const input = await loadGateInput(forge, {
    pr: request.prNumber,
    tier: request.tier,
    review: config.review[request.tier],
    gate: config.gate,
    identity: { name: config.commit.authorName, email: config.commit.authorEmail },
    requesters: request.requesters,
    botLogin: request.botLogin,
  });
  const result = evaluateGate({ ...input, headSha: request.headSha });
  await forge.createCheckRun({
    name: GATE_CHECK_NAME,
    headSha: request.headSha,
    ...gateCheckRun(result, request.detailsUrl),
    externalId: encodeGateMemo({ tier: request.tier, requesters: [...request.requesters] }),
  });
  return { result, input: { ...input, headSha: request.headSha } };
}
