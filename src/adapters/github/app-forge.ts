/**
 * The Forge the App's handlers use: the Octokit adapter on Probot's per-installation
 * client, with the default branch taken from the webhook payload (GitHub sends
 * `repository.default_branch` with every repository event), which saves one API call
 * on every delivery that reads the configuration.
 */
import { OctokitForge } from './octokit-forge.ts';
import type { GitHubClient } from './create-octokit.ts';
import type { RepoRef } from '../../ports/forge.ts';

export class AppForge extends OctokitForge {
  readonly #defaultBranch: string | null;

  constructor(octokit: GitHubClient, repo: RepoRef, defaultBranch: string | null) {
    super(octokit, repo);
    this.#defaultBranch = defaultBranch;
  }

  override async getDefaultBranch(): Promise<string> {
    return this.#defaultBranch ?? super.getDefaultBranch();
  }
}
