/**
 * What greenlight says when the issue or pull request of a request is not one it works
 * on — a closed or merged pull request, a closed issue, a pull request labelled as if
 * it were an issue — and why a `/fix` run stops when the pull request's head moved after
 * it was requested (docs/security.md §4). A fork gets its own, longer reply
 * (render-fork-comment.ts).
 */

export type TargetRefusal =
  | { kind: 'pr-not-open'; requester: string; number: number; merged: boolean; fixCommand: string }
  | { kind: 'issue-is-pr'; requester: string; number: number; fixCommand: string }
  | { kind: 'issue-closed'; requester: string; number: number };

/**
 * The one comment a refused target gets.
 * @example renderTargetComment({ kind: 'issue-closed', requester: 'alice', number: 3 })
 * // '@alice, issue #3 is closed, so greenlight did not start. Reopen it first.'
 */
export function renderTargetComment(refusal: TargetRefusal): string {
  switch (refusal.kind) {
    case 'pr-not-open':
      return `@${refusal.requester}, pull request #${refusal.number} is ${refusal.merged ? 'merged' : 'closed'}, so greenlight did not run \`${refusal.fixCommand}\`.`;
    case 'issue-is-pr':
      return `@${refusal.requester}, #${refusal.number} is a pull request: greenlight generates changes for issues. Comment \`${refusal.fixCommand}\` on it instead.`;
    case 'issue-closed':
      return `@${refusal.requester}, issue #${refusal.number} is closed, so greenlight did not start. Reopen it first.`;
  }
}

/** Why a `/fix` or review run stops before any work: the head is no longer the one requested (or reviewed). */
export function describeHeadMoved(input: {
  requested: string;
  now: string;
  fixCommand: string;
  review?: boolean;
}): string {
  const when = input.review === true ? 'the reviewed commit' : `when \`${input.fixCommand}\` was requested`;
  const again =
    input.review === true
      ? 'review the new head to have greenlight work on it'
      : `comment \`${input.fixCommand}\` again to work on the new head`;
  return (
    `the pull request's head moved from \`${input.requested.slice(0, 7)}\` (${when}) to ` +
    `\`${input.now.slice(0, 7)}\`. greenlight only works on the commit that was requested: ${again}.`
  );
}
