/**
 * The review-gate check run the Action's `gate` mode writes: the gate decision
 * (`gateCheckRun`), the memo (tier, requesters and pushers seen, `encodeGateMemo`) carried forward in
 * `externalId`, and notes on anything that made the decision stricter. Without a
 * requester memo the gate fails closed: nobody's approval can be known not to be the
 * requester's own.
 */
import type { ConfigIssue } from '../core/config/config-issue.ts';
import type { CheckRunFields, CheckRunInfo } from '../ports/forge.ts';
import type { GateResult } from '../core/gate/evaluate-gate.ts';
import { gateCheckRun } from '../core/gate/gate-check-run.ts';
import { encodeGateMemo, parseGateMemo, type GateMemo } from '../core/publish/gate-external-id.ts';
import type { RiskTier } from '../core/risk/tier.ts';

/** The newest memo among check runs (newest first, as `listCheckRuns` returns them). */
export function findGateMemo(runs: readonly CheckRunInfo[]): GateMemo | null {
  for (const run of runs) {
    const memo = parseGateMemo(run.externalId);
    if (memo !== null) return memo;
  }
  return null;
}

export interface GateCheckFieldsInput {
  result: GateResult;
  /** The tier this evaluation classified (written to the memo). */
  tier: RiskTier;
  /** Who requested the change; null when no memo was found on this head or the previous one. */
  requesters: readonly string[] | null;
  /** Humans greenlight saw push to the branch, carried forward in the memo. */
  pushers?: readonly string[];
  /** Why the decision is stricter than usual (e.g. the diff could not be classified). */
  notes?: readonly string[];
  detailsUrl?: string;
}

const UNKNOWN_REQUESTER =
  'greenlight found no record of who requested this change on the review-gate check of this commit ' +
  "or the previous one, so it cannot tell a requester's approval from anyone else's. Comment `/fix` on the pull request " +
  '(or run greenlight again for its issue) to record the requester again.';

function withNotes(summary: string, notes: readonly string[]): string {
  return notes.length === 0 ? summary : `${summary}\n\n**Note:**\n${notes.map((n) => `- ${n}`).join('\n')}`;
}

export function gateCheckFields(input: GateCheckFieldsInput): CheckRunFields {
  const base = gateCheckRun(input.result, input.detailsUrl);
  if (input.requesters === null) {
    return {
      ...base,
      status: 'completed',
      conclusion: 'failure',
      title: 'Requester unknown: the review gate cannot pass',
      summary: withNotes(input.result.summary, [...(input.notes ?? []), UNKNOWN_REQUESTER]),
    };
  }
  return {
    ...base,
    summary: withNotes(base.summary, input.notes ?? []),
    externalId: encodeGateMemo({
      tier: input.tier,
      requesters: [...input.requesters],
      pushers: [...(input.pushers ?? [])],
    }),
  };
}

/**
 * The failing check written when the review settings cannot be read: the gate follows
 * `configPath` on the default branch, and nothing passes while it is invalid.
 */
export function invalidConfigCheckFields(input: {
  configPath: string;
  defaultBranch: string;
  errors: readonly ConfigIssue[];
  detailsUrl?: string;
}): CheckRunFields {
  return {
    status: 'completed',
    conclusion: 'failure',
    title: `${input.configPath} is invalid`,
    summary:
      `The review gate follows the review settings of \`${input.configPath}\` on \`${input.defaultBranch}\`, which is invalid:\n\n` +
      input.errors.map((e) => `- line ${e.line}: \`${e.path || '(file)'}\` ${e.message}`).join('\n'),
    ...(input.detailsUrl === undefined ? {} : { detailsUrl: input.detailsUrl }),
  };
}
