/**
 * Creates the labels a repository is missing and says which it created: the Forge's
 * `ensureLabels` (the Action, on first use) and `greenlight init --labels` both go
 * through here. Label names compare case-insensitively, as GitHub does; a label that
 * another run created in the meantime counts as existing.
 */
import type { LabelSpec, RepoRef } from '../../ports/forge.ts';
import type { GitHubClient } from './create-octokit.ts';
import { toGithubError } from './to-github-error.ts';

export interface LabelsEnsured {
  /** Created now (or, with `dryRun`, would be). */
  created: string[];
  /** Already there, under the name the repository spells them with. */
  existing: string[];
}

function alreadyExists(error: unknown): boolean {
  const failure = error as { status?: unknown; response?: { data?: { errors?: unknown } } } | null;
  const errors = failure?.response?.data?.errors;
  return (
    failure?.status === 422 &&
    Array.isArray(errors) &&
    errors.some((e) => (e as { code?: unknown } | null)?.code === 'already_exists')
  );
}

/**
 * @param options.dryRun list only: nothing is created, `created` names what would be
 * @example
 * await ensureRepoLabels(octokit, { owner: 'acme', repo: 'shop' }, repositoryLabels('ai-generate'));
 * // { created: ['ai-generate', 'greenlight:needs-human'], existing: ['greenlight', 'risk:low', …] }
 */
export async function ensureRepoLabels(
  octokit: GitHubClient,
  repo: RepoRef,
  labels: readonly LabelSpec[],
  options: { dryRun?: boolean } = {},
): Promise<LabelsEnsured> {
  let names: Map<string, string>;
  try {
    const listed = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
    names = new Map(listed.map((label) => [label.name.toLowerCase(), label.name]));
  } catch (error) {
    throw toGithubError(error, 'list labels', 'issues: read');
  }
  const result: LabelsEnsured = { created: [], existing: [] };
  for (const label of labels) {
    const spelled = names.get(label.name.toLowerCase());
    if (spelled !== undefined) {
      result.existing.push(spelled);
      continue;
    }
    if (options.dryRun !== true) {
      try {
        await octokit.rest.issues.createLabel({ ...repo, ...label });
      } catch (error) {
        // Another run created it in the meantime: that is the state we wanted.
        if (!alreadyExists(error)) throw toGithubError(error, `create the label '${label.name}'`, 'issues: write');
        result.existing.push(label.name);
        continue;
      }
    }
    result.created.push(label.name);
    names.set(label.name.toLowerCase(), label.name);
  }
  return result;
}
