/**
 * What the publish step is told to do with each commit it keeps (PublishContext's
 * `evidence`): record the commit and its own classification in the audit log, then
 * return the evidence section built from that log, for the pull-request body
 * (docs/architecture.md "The evidence record").
 */
import { riskRecord } from '../core/evidence/risk-record.ts';
import { renderEvidence } from '../core/evidence/render-evidence.ts';
import type { PublishedCommit } from '../core/publish/publish-types.ts';
import type { ActionContext } from './action-context.ts';

export function recordCommit(ctx: ActionContext): (commit: PublishedCommit) => Promise<string> {
  return async (commit) => {
    const { sha, parent, branch, pushed, role } = commit;
    if (commit.carried !== undefined)
      ctx.audit.write({ kind: 'carried-evidence', source: 'change-bundle', evidence: commit.carried });
    ctx.audit.write({ kind: 'commit', sha, parent, branch, pushed, role });
    ctx.audit.write(riskRecord(commit.risk, 'publish'));
    return renderEvidence(await ctx.readEvidence());
  };
}
