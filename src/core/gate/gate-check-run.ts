/**
 * How a gate decision shows as the `greenlight/review-gate` check run. "Pending" is an
 * `in_progress` check: it blocks a ruleset that requires the check without painting
 * the pull request red while reviews are simply not in yet.
 */
import type { CheckRunFields } from '../../ports/forge.ts';
import type { GateResult } from './evaluate-gate.ts';

export const GATE_CHECK_NAME = 'greenlight/review-gate';

export function gateCheckRun(result: GateResult, detailsUrl?: string): CheckRunFields {
  const common = { title: result.title, summary: result.summary, ...(detailsUrl === undefined ? {} : { detailsUrl }) };
  switch (result.state) {
    case 'success':
      return { status: 'completed', conclusion: 'success', ...common };
    case 'failure':
      return { status: 'completed', conclusion: 'failure', ...common };
    default:
      return { status: 'in_progress', ...common };
  }
}
