/**
 * The App's GitHub adapters, built on the client Probot makes for each installation: the
 * Forge, which takes the default branch from the webhook payload, and the review gate's
 * reads beyond the Forge (a pull request's files with their patches, git modes, who
 * labelled an issue). The App's handlers get these, never an Octokit.
 */
import type { Context } from 'probot';
import { AppForge } from '../adapters/github/app-forge.ts';
import type { GitHubClient } from '../adapters/github/create-octokit.ts';
import { listLabelers, listPullRequestApiFiles, readFileModes } from '../adapters/github/gate-sources.ts';
import type { ApiFile, ModeFacts } from '../core/github/pull-request-changes.ts';
import type { Actor, Forge, RepoRef } from '../ports/forge.ts';

/** The Octokit Probot hands a handler (`context.octokit`) or the App (`app.auth(id)`). */
export type ProbotClient = Context['octokit'];

/** What the review gate reads of one repository beyond the Forge port. */
export interface GateSources {
  /** Files of pull request `pr` with their patches (GitHub stops at 3000). */
  listPullRequestFiles(pr: number): Promise<ApiFile[]>;
  /** Git modes of `files` at both commits; null when they could not be read. */
  readFileModes(baseSha: string, headSha: string, files: readonly ApiFile[]): Promise<ModeFacts | null>;
  /** Who added `label` to issue `issue`. */
  listLabelers(issue: number, label: string): Promise<Actor[]>;
}

export interface InstallationGitHub {
  forge: Forge;
  gateSources: GateSources;
}

/** The adapters of one repository of an installation, on Probot's client for it. */
export function installationGitHub(
  octokit: ProbotClient,
  repo: RepoRef,
  defaultBranch: string | null,
): InstallationGitHub {
  // Probot's client is an Octokit of its own @octokit/core version: the same REST and
  // GraphQL methods, typed apart.
  const client = octokit as unknown as GitHubClient;
  return {
    forge: new AppForge(client, repo, defaultBranch),
    gateSources: {
      listPullRequestFiles: (pr) => listPullRequestApiFiles(client, repo, pr),
      readFileModes: (baseSha, headSha, files) => readFileModes(client, repo, baseSha, headSha, files),
      listLabelers: (issue, label) => listLabelers(client, repo, issue, label),
    },
  };
}
