/**
 * Who requested a greenlight pull request, for the review gate: everyone GitHub itself
 * recorded as asking for it, plus what the App recorded before. The list only grows:
 * naming one requester too many makes the gate stricter, one too few would let a
 * requester approve their own change.
 *
 * - the pull request's author, when a human opened it;
 * - humans who commented the fix command on it (a comment's author cannot be forged);
 * - humans who added the trigger label to the issue it was generated from (the issue's
 *   events, not its current labels);
 * - the requesters in earlier gate check runs' memos (`external_id`) — the App's own,
 *   and also the Action's: a memo can only add requesters here, never lower the tier.
 */
import type { Actor } from '../../ports/forge.ts';

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$/;

/** Distinct logins (case-insensitive, first spelling kept), sorted for stable output. */
export function uniqueLogins(logins: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const login of logins)
    if (LOGIN.test(login) && !byKey.has(login.toLowerCase())) byKey.set(login.toLowerCase(), login);
  return [...byKey.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

export interface RequesterFacts {
  prAuthor: Actor;
  fixCommenters: readonly Actor[];
  labelers: readonly Actor[];
  recorded: readonly string[];
}

const human = (actor: Actor) => !actor.isBot && !actor.login.endsWith('[bot]');

export function gateRequesters(facts: RequesterFacts): string[] {
  return uniqueLogins([
    ...(human(facts.prAuthor) ? [facts.prAuthor.login] : []),
    ...facts.fixCommenters.filter(human).map((a) => a.login),
    ...facts.labelers.filter(human).map((a) => a.login),
    ...facts.recorded,
  ]);
}
