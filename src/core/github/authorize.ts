/**
 * Who may start a run (docs/security.md §1–2): people whose role on the repository is
 * write, maintain or admin, according to the collaborator-permission API, never
 * `author_association`. triage, read and outsiders are refused with one polite reply;
 * bots are refused silently unless allowlisted (replying to a bot invites loops);
 * greenlight never acts for itself.
 */
import type { Actor, CollaboratorPermission } from '../../ports/forge.ts';
import { describeAccess, hasWriteAccess } from './has-write-access.ts';

export interface AuthorizeInput {
  actor: Actor;
  /** The collaborator-permission API's answer; null when it was not asked (bots). */
  permission: CollaboratorPermission | null;
  botLogin: string | null;
  allowedBots: readonly string[];
}

export type Authorization = { allowed: true; reason: string } | { allowed: false; reason: string; reply?: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Decides whether `actor` may trigger greenlight. */
export function authorize(input: AuthorizeInput): Authorization {
  const { actor, permission } = input;
  if (input.botLogin !== null && same(actor.login, input.botLogin)) {
    return { allowed: false, reason: `@${actor.login} is greenlight itself` };
  }
  if (actor.isBot || actor.login.endsWith('[bot]')) {
    return input.allowedBots.some((bot) => same(bot, actor.login))
      ? { allowed: true, reason: `@${actor.login} is an allowlisted bot (trigger.allowedBots)` }
      : { allowed: false, reason: `@${actor.login} is a bot that is not in trigger.allowedBots` };
  }
  if (permission === null) {
    return { allowed: false, reason: `the permission of @${actor.login} is unknown` };
  }
  const access = describeAccess(permission);
  if (hasWriteAccess(permission)) return { allowed: true, reason: `@${actor.login} has ${access}` };
  return {
    allowed: false,
    reason: `@${actor.login} has ${access}; write, maintain or admin is required`,
    reply:
      `Thanks for the request, @${actor.login}. greenlight only starts runs for people with write, maintain or admin ` +
      `access to this repository, and you have ${access}. A maintainer can start the run for you.`,
  };
}
