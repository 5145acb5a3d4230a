/**
 * Who pushed to a pull request's head branch, for the review gate (docs/security.md
 * property 34): approvals count only from people who did not, as GitHub's "require
 * approval of the most recent reviewable push" does for the latest push, here for
 * every human push. Two sources, because the API does not say who pushed a commit:
 *
 * - the commits in base..head: the accounts GitHub linked to their authors and
 *   committers (bots and GitHub's own `web-flow` committer left out), except
 *   greenlight's own commits (its configured git identity, linked to nobody);
 * - the pushes greenlight saw (`pull_request.synchronize` senders), remembered in the
 *   gate check's memo, which also covers a commit written under someone else's name.
 */
import type { CommitInfo } from '../../ports/forge.ts';

export interface Pusher {
  login: string;
  /** Why, for the check output: `pushed abc1234, def5678 to the branch`. */
  why: string;
}

export interface PusherSources {
  commits: readonly CommitInfo[];
  /** Humans greenlight saw push (the memo, plus this event's sender). */
  seen: readonly string[];
  /** greenlight's commit identity (`commit.authorName` / `commit.authorEmail`). */
  identity: { name: string; email: string };
  botLogin: string | null;
}

/** GitHub commits web edits and merges from the UI as `web-flow`; the author is the human. */
const GITHUB_COMMITTER = 'web-flow';

const short = (sha: string) => sha.slice(0, 7);
const listShas = (shas: readonly string[]) =>
  shas.length <= 3
    ? shas.map(short).join(', ')
    : `${shas.slice(0, 3).map(short).join(', ')} and ${shas.length - 3} more`;

/**
 * Everyone who pushed, sorted by login, with the evidence.
 *
 * @example findPushers({ commits: [bobsCommit], seen: [], identity, botLogin: null })
 * // [{ login: 'bob', why: 'pushed commits to the branch (1a2b3c4)' }]
 */
export function findPushers(sources: PusherSources): Pusher[] {
  const bot = sources.botLogin?.toLowerCase() ?? null;
  const byLogin = new Map<string, { login: string; shas: string[] }>();
  const note = (login: string) => {
    const key = login.toLowerCase();
    const entry = byLogin.get(key) ?? { login, shas: [] };
    byLogin.set(key, entry);
    return entry;
  };
  const human = (login: string) =>
    !login.endsWith('[bot]') && login.toLowerCase() !== bot && login.toLowerCase() !== GITHUB_COMMITTER;
  for (const commit of sources.commits) {
    const own =
      commit.authorName === sources.identity.name &&
      commit.authorEmail.toLowerCase() === sources.identity.email.toLowerCase() &&
      commit.author === null;
    if (own) continue;
    for (const actor of [commit.author, commit.committer]) {
      if (actor === null || actor.isBot || !human(actor.login)) continue;
      const entry = note(actor.login);
      if (!entry.shas.includes(commit.sha)) entry.shas.push(commit.sha);
    }
  }
  for (const login of sources.seen) if (human(login)) note(login);
  return [...byLogin.values()]
    .sort((a, b) => a.login.toLowerCase().localeCompare(b.login.toLowerCase()))
    .map(({ login, shas }) => ({
      login,
      why: shas.length > 0 ? `pushed commits to the branch (${listShas(shas)})` : 'pushed to the branch',
    }));
}
