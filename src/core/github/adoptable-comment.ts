/**
 * Whether the run may take over the comment the greenlight App names in the
 * `progress_comment` input, so that a request shows one comment: the App's
 * acknowledgement, edited into the run's progress. An input is only a number anyone
 * who can dispatch the workflow could type, so the comment itself must show it is the
 * App's: never is a person's comment edited on the strength of an input.
 *
 * It must be
 * - a comment of the issue or pull request this run works on,
 * - written by the bot that dispatched this run (`workflow_dispatch`'s sender, a Bot),
 * - and an App acknowledgement or a greenlight progress comment (its hidden marker).
 */
import type { Actor, IssueCommentInfo } from '../../ports/forge.ts';

/** The hidden marker every comment of the greenlight App starts with. */
export const APP_COMMENT_MARKER_PREFIX = '<!-- greenlight:app';
const PROGRESS_MARKER_PREFIX = '<!-- greenlight:progress';

export interface AdoptionRequest {
  commentId: number;
  /** The comment as GitHub has it; null when there is none with that id in this repository. */
  comment: IssueCommentInfo | null;
  /** The issue or pull request the run works on. */
  target: number;
  /** Who dispatched the run: the `sender` of a `workflow_dispatch` event, else null. */
  dispatcher: Actor | null;
}

/** Null when the comment may be adopted, else why not (for the log). */
export function adoptionRefusal(request: AdoptionRequest): string | null {
  const { comment, commentId, dispatcher } = request;
  if (dispatcher === null) return 'progress_comment is only honoured on a workflow_dispatch';
  if (!dispatcher.isBot)
    return `the run was dispatched by @${dispatcher.login}, not by the greenlight App, so progress_comment is not honoured`;
  if (comment === null) return `comment ${commentId} does not exist in this repository`;
  if (comment.issueNumber !== request.target)
    return `comment ${commentId} belongs to #${comment.issueNumber}, not to #${request.target}`;
  if (comment.author.login.toLowerCase() !== dispatcher.login.toLowerCase())
    return `comment ${commentId} was written by @${comment.author.login}, not by @${dispatcher.login}, which dispatched the run`;
  const body = comment.body.trimStart();
  if (!body.startsWith(APP_COMMENT_MARKER_PREFIX) && !body.startsWith(PROGRESS_MARKER_PREFIX))
    return `comment ${commentId} is not a greenlight acknowledgement or progress comment`;
  return null;
}
