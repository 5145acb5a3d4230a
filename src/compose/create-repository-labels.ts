/**
 * `greenlight init --labels`: creates the trigger label and every label greenlight
 * applies in the repository `origin` points at, skipping those that exist. The token
 * is `GITHUB_TOKEN` (or `GH_TOKEN`), else the GitHub CLI's (`gh auth token`) when it
 * is installed; the API is GitHub's, or GHES's through `GITHUB_API_URL` or the
 * remote's host. README "greenlight init".
 */
import { createOctokit } from '../adapters/github/create-octokit.ts';
import { ensureRepoLabels, type LabelsEnsured } from '../adapters/github/ensure-repo-labels.ts';
import { git } from '../adapters/git/run-git.ts';
// The supervised runner (time and output limits), the one module besides git's that starts processes.
import { runProcess } from '../adapters/sandbox/run-process.ts';
import { repositoryLabels } from '../core/github/greenlight-labels.ts';
import { apiUrlFor, parseRemoteUrl, type RemoteRepo } from '../core/github/parse-remote-url.ts';
import { GreenlightError } from '../ports/errors.ts';

export interface CreateLabelsOptions {
  /** The checkout's root. */
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  triggerLabel: string;
  dryRun: boolean;
}

export interface LabelsCreated extends LabelsEnsured {
  repo: RemoteRepo;
  /** Where the token came from: `GITHUB_TOKEN`, `GH_TOKEN` or `gh auth token`. */
  tokenSource: string;
}

async function originRepo(root: string): Promise<RemoteRepo> {
  let url: string;
  try {
    url = (await git(root, ['remote', 'get-url', 'origin'])).trim();
  } catch (error) {
    throw new GreenlightError(
      'usage',
      'init --labels creates the labels in the repository `origin` points at, and this checkout has no `origin` remote: add it (git remote add origin https://github.com/OWNER/REPO.git) or create the labels by hand.',
      { cause: error },
    );
  }
  const repo = parseRemoteUrl(url);
  if (repo === null)
    throw new GreenlightError(
      'usage',
      `init --labels: the origin remote ${url} names no GitHub repository (expected https://HOST/OWNER/REPO or git@HOST:OWNER/REPO).`,
    );
  return repo;
}

/** `gh auth token` for the host, or null when gh is missing or logged out. */
async function ghToken(host: string, root: string, env: CreateLabelsOptions['env']): Promise<string | null> {
  const environment = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const result = await runProcess(['gh', 'auth', 'token', '--hostname', host], {
    cwd: root,
    env: environment,
    timeoutMs: 15_000,
    maxOutputBytes: 64 * 1024,
    outputKillBytes: 1024 * 1024,
  });
  const token = result.stdout.text.trim();
  return result.exitCode === 0 && token !== '' ? token : null;
}

async function token(
  host: string,
  root: string,
  env: CreateLabelsOptions['env'],
): Promise<{ token: string; source: string }> {
  for (const name of ['GITHUB_TOKEN', 'GH_TOKEN']) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return { token: value, source: name };
  }
  const fromGh = await ghToken(host, root, env);
  if (fromGh !== null) return { token: fromGh, source: 'gh auth token' };
  throw new GreenlightError(
    'usage',
    `init --labels needs a GitHub token that may write issues on the repository: set GITHUB_TOKEN, or log in with the GitHub CLI (gh auth login --hostname ${host}).`,
  );
}

export async function createRepositoryLabels(options: CreateLabelsOptions): Promise<LabelsCreated> {
  const repo = await originRepo(options.root);
  const { token: auth, source } = await token(repo.host, options.root, options.env);
  const octokit = createOctokit({
    token: auth,
    baseUrl: apiUrlFor(repo.host, options.env['GITHUB_API_URL']),
  });
  const ensured = await ensureRepoLabels(
    octokit,
    { owner: repo.owner, repo: repo.repo },
    repositoryLabels(options.triggerLabel),
    { dryRun: options.dryRun },
  );
  return { ...ensured, repo, tokenSource: source };
}
