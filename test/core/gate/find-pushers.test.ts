/** Who pushed to a pull request's branch (docs/security.md §34). */
import { describe, expect, it } from 'vitest';
import { findPushers } from '../../../src/core/gate/find-pushers.ts';
import type { CommitInfo } from '../../../src/ports/forge.ts';

const identity = { name: 'greenlight[bot]', email: 'greenlight[bot]@users.noreply.github.com' };
const actor = (login: string) => ({ login, isBot: login.endsWith('[bot]') });

function commit(
  sha: string,
  author: string | null,
  committer: string | null = author,
  who = author ?? 'x',
): CommitInfo {
  return {
    sha: sha.repeat(40).slice(0, 40),
    author: author === null ? null : actor(author),
    committer: committer === null ? null : actor(committer),
    authorName: who,
    authorEmail: `${who}@example.com`,
    committerName: committer ?? who,
    committerEmail: `${committer ?? who}@example.com`,
    message: 'a commit\n',
  };
}

const own: CommitInfo = {
  ...commit('0', null),
  authorName: identity.name,
  authorEmail: identity.email,
  committerName: identity.name,
  committerEmail: identity.email,
};

describe('findPushers', () => {
  it('names every human author or committer of a commit that is not greenlight’s', () => {
    expect(
      findPushers({
        commits: [own, commit('a', 'bob'), commit('b', 'bob'), commit('c', 'carol', 'dave')],
        seen: [],
        identity,
        botLogin: 'greenlight[bot]',
      }),
    ).toEqual([
      { login: 'bob', why: 'pushed commits to the branch (aaaaaaa, bbbbbbb)' },
      { login: 'carol', why: 'pushed commits to the branch (ccccccc)' },
      { login: 'dave', why: 'pushed commits to the branch (ccccccc)' },
    ]);
  });

  it('leaves out bots, greenlight itself and GitHub’s web-flow committer (the author of a web edit is the human)', () => {
    expect(
      findPushers({
        commits: [
          commit('a', 'dependabot[bot]'),
          commit('b', 'greenlight-app', 'greenlight-app'),
          commit('c', 'erin', 'web-flow'),
        ],
        seen: ['renovate[bot]', 'GreenLight-App'],
        identity,
        botLogin: 'greenlight-app',
      }),
    ).toEqual([{ login: 'erin', why: 'pushed commits to the branch (ccccccc)' }]);
  });

  it('adds the pushes greenlight saw, which cover commits written under another name', () => {
    expect(findPushers({ commits: [commit('a', null)], seen: ['Frank', 'frank'], identity, botLogin: null })).toEqual([
      { login: 'Frank', why: 'pushed to the branch' },
    ]);
  });

  it('a commit with greenlight’s identity that GitHub links to a human still counts that human', () => {
    const linked = { ...own, author: actor('grace') };
    expect(findPushers({ commits: [linked], seen: [], identity, botLogin: null }).map((p) => p.login)).toEqual([
      'grace',
    ]);
  });

  it('shortens long lists of commits', () => {
    const commits = ['a', 'b', 'c', 'd', 'e'].map((sha) => commit(sha, 'bob'));
    expect(findPushers({ commits, seen: [], identity, botLogin: null })[0]?.why).toBe(
      'pushed commits to the branch (aaaaaaa, bbbbbbb, ccccccc and 2 more)',
    );
  });
});
