/**
 * What the App reads from GitHub for the review gate beyond the Forge port: the pull
 * request's files WITH their patches, the git modes of those files (GraphQL, one
 * query), and who added the trigger label to an issue (the issue's events).
 */
import type { GitHubClient } from './create-octokit.ts';
import { mapActor } from './map-github.ts';
import { toGithubError } from './to-github-error.ts';
import type { Actor, RepoRef } from '../../ports/forge.ts';
import type { ApiFile, ModeFacts } from '../../core/github/pull-request-changes.ts';

/** Files of pull request `pr` with their patches (GitHub stops at 3000). */
export async function listPullRequestApiFiles(octokit: GitHubClient, repo: RepoRef, pr: number): Promise<ApiFile[]> {
  try {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pr, per_page: 100 });
    return files.map((f) => ({
      filename: f.filename,
      ...(f.previous_filename === undefined ? {} : { previous_filename: f.previous_filename }),
      status: f.status,
      ...(f.patch === undefined ? {} : { patch: f.patch }),
      additions: f.additions,
      deletions: f.deletions,
    }));
  } catch (error) {
    throw toGithubError(error, `list the files of pull request #${pr}`, 'pull-requests: read');
  }
}

/** More paths than this per query are not asked for: the gate fails closed instead. */
export const MAX_MODE_PATHS = 250;

/** GraphQL gives modes as integers (33261); git writes them in octal (100755). */
function octalMode(mode: unknown): string | null {
  if (typeof mode === 'number' && Number.isInteger(mode) && mode > 0) return mode.toString(8);
  if (typeof mode === 'string' && /^[0-7]{5,6}$/.test(mode)) return mode;
  return null;
}

/**
 * Git modes of `paths` at the base and the head commit, in one GraphQL query; null
 * when they could not be read (too many paths, an old GHES without `Commit.file`, an
 * error), which the classification treats as unknown.
 */
export async function readFileModes(
  octokit: GitHubClient,
  repo: RepoRef,
  baseSha: string,
  headSha: string,
  files: readonly ApiFile[],
): Promise<ModeFacts | null> {
  const basePaths = files.filter((f) => f.status !== 'added').map((f) => f.previous_filename ?? f.filename);
  const headPaths = files.filter((f) => f.status !== 'removed').map((f) => f.filename);
  if (basePaths.length + headPaths.length > MAX_MODE_PATHS) return null;
  if (basePaths.length + headPaths.length === 0) return { base: new Map(), head: new Map() };
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo, base: baseSha, head: headSha };
  const fields = (side: 'b' | 'h', paths: string[]) =>
    paths
      .map((path, i) => {
        variables[`${side}${i}`] = path;
        return `${side}${i}: file(path: $${side}${i}) { mode }`;
      })
      .join(' ');
  const declarations = [
    ...basePaths.map((_, i) => `$b${i}: String!`),
    ...headPaths.map((_, i) => `$h${i}: String!`),
  ].join(', ');
  const query = `query($owner: String!, $name: String!, $base: GitObjectID!, $head: GitObjectID!${declarations === '' ? '' : `, ${declarations}`}) {
    repository(owner: $owner, name: $name) {
      base: object(oid: $base) { ... on Commit { oid ${fields('b', basePaths)} } }
      head: object(oid: $head) { ... on Commit { oid ${fields('h', headPaths)} } }
    }
  }`;
  try {
    const data = await octokit.graphql<{
      repository: {
        base: Record<string, { mode?: unknown } | null> | null;
        head: Record<string, { mode?: unknown } | null> | null;
      };
    }>(query, variables);
    const collect = (side: 'b' | 'h', paths: string[], found: Record<string, { mode?: unknown } | null> | null) => {
      const modes = new Map<string, string>();
      paths.forEach((path, i) => {
        const mode = octalMode(found?.[`${side}${i}`]?.mode);
        if (mode !== null) modes.set(path, mode);
      });
      return modes;
    };
    if (data.repository.base === null || data.repository.head === null) return null;
    return { base: collect('b', basePaths, data.repository.base), head: collect('h', headPaths, data.repository.head) };
  } catch {
    return null;
  }
}

/** Everyone who added `label` to issue `issue` (case-insensitive), oldest first. */
export async function listLabelers(
  octokit: GitHubClient,
  repo: RepoRef,
  issue: number,
  label: string,
): Promise<Actor[]> {
  try {
    const events = await octokit.paginate(octokit.rest.issues.listEvents, {
      ...repo,
      issue_number: issue,
      per_page: 100,
    });
    return events
      .filter(
        (e) =>
          e.event === 'labeled' &&
          (e as { label?: { name?: string } }).label?.name?.toLowerCase() === label.toLowerCase(),
      )
      .map((e) => mapActor(e.actor as { login: string; type?: string } | null));
  } catch (error) {
    // A linked issue that was deleted or transferred has no events to offer.
    if ((error as { status?: number }).status === 404) return [];
    throw toGithubError(error, `list the events of issue #${issue}`, 'issues: read');
  }
}
