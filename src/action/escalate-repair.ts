/**
 * Hands a pull request's CI to a person (docs/architecture.md "CI repair"): the one
 * needs-a-human comment, and the `greenlight:needs-human` label (created when the
 * repository lacks it), which also keeps later failures from asking again.
 */
import { NEEDS_HUMAN_LABEL, NEEDS_HUMAN_LABEL_SPEC } from '../core/github/greenlight-labels.ts';
import type { ActionContext } from './action-context.ts';
import type { ActionOutcome } from './action-outcome.ts';
import { renderNeedsHumanComment, type NeedsHumanInput } from './comments/render-needs-human-comment.ts';

/** Comments once that a person is needed, labels the pull request, and returns the `needs-human` outcome. */
export async function escalateRepair(
  ctx: ActionContext,
  input: Omit<NeedsHumanInput, 'repoUrl' | 'runUrl'> & { prUrl: string; summary: string; costUsd?: number },
): Promise<ActionOutcome> {
  const { forge, runtime } = ctx;
  const body = renderNeedsHumanComment({
    ...input,
    repoUrl: `${runtime.serverUrl}/${forge.repo.owner}/${forge.repo.repo}`,
    runUrl: ctx.runUrl,
  });
  await forge.createComment(input.pr, ctx.redactor.redact(body));
  await forge.ensureLabels([NEEDS_HUMAN_LABEL_SPEC]);
  await forge.addLabels(input.pr, [NEEDS_HUMAN_LABEL]);
  ctx.audit.write({ kind: 'note', message: 'repair: a human is needed', data: { pr: input.pr, reason: input.reason } });
  return {
    kind: 'needs-human',
    pr: { number: input.pr, url: input.prUrl },
    reason: input.summary,
    ...(input.costUsd === undefined ? {} : { costUsd: input.costUsd }),
  };
}
