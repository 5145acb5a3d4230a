/**
 * The requester as the publisher needs it: the login, and GitHub's numeric user id
 * when the event carries it (for a `Co-authored-by` trailer GitHub attributes). The id
 * is only taken from the event's sender or comment author with the same login.
 */
import type { Actor } from '../ports/forge.ts';
import type { Requester } from '../core/publish/publish-types.ts';

function idOf(user: unknown, login: string): number | undefined {
  if (typeof user !== 'object' || user === null) return undefined;
  const { login: l, id } = user as { login?: unknown; id?: unknown };
  return typeof l === 'string' &&
    l.toLowerCase() === login.toLowerCase() &&
    typeof id === 'number' &&
    Number.isInteger(id) &&
    id > 0
    ? id
    : undefined;
}

export function requesterOf(actor: Actor, payload: unknown): Requester {
  const event = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    sender?: unknown;
    comment?: { user?: unknown };
  };
  const id = idOf(event.comment?.user, actor.login) ?? idOf(event.sender, actor.login);
  return id === undefined ? { login: actor.login } : { login: actor.login, id };
}
