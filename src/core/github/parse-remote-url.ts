/**
 * The GitHub repository a git remote points at, for `greenlight init --labels`:
 * `https://github.com/acme/shop.git`, `git@github.com:acme/shop.git`,
 * `ssh://git@ghe.example.com/acme/shop`, with or without `.git` and user info.
 */
import type { RepoRef } from '../../ports/forge.ts';

export interface RemoteRepo extends RepoRef {
  /** `github.com`, or the GitHub Enterprise Server host. */
  host: string;
}

/** Null when the URL names no `owner/repo` on a host (a local path, a bare name). */
export function parseRemoteUrl(url: string): RemoteRepo | null {
  const text = url.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(text);
  const full = /^(?:https?|ssh|git):\/\/(?:[^@/\s]+@)?([^/:\s]+)(?::\d+)?\/([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(
    text,
  );
  const match = full ?? scp;
  if (match === null) return null;
  return { host: match[1]!.toLowerCase(), owner: match[2]!, repo: match[3]! };
}

/** The REST root for a host: api.github.com, or GHES's `/api/v3`; `GITHUB_API_URL` wins when set. */
export function apiUrlFor(host: string, githubApiUrl: string | undefined): string {
  if (githubApiUrl !== undefined && githubApiUrl.trim() !== '') return githubApiUrl.trim().replace(/\/+$/, '');
  return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
}
