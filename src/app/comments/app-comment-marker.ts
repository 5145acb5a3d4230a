/**
 * Hidden markers in the App's comments. `queued` carries the fleet's queue id, so that
 * the comment can be found and updated when the queued request is dispatched, even by
 * another process (nothing but GitHub has to remember the comment id).
 */
import { APP_COMMENT_MARKER_PREFIX as PREFIX } from '../../core/github/adoptable-comment.ts';

export function appCommentMarker(queueId?: string): string {
  return queueId === undefined ? `${PREFIX} -->` : `${PREFIX} queued=${queueId} -->`;
}

/** True for the App's comment of the queued request `queueId`. */
export function isQueuedComment(body: string, queueId: string): boolean {
  return body.startsWith(appCommentMarker(queueId));
}
