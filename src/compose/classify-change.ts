/**
 * Risk of a job's final change (docs/architecture.md "A job, from request to pull request", step 4), with the full text of every
 * changed file so that content rules can look beyond the changed lines.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { RiskAssessment } from '../core/risk/assessment.ts';
import { classifyRisk } from '../core/risk/classify-risk.ts';
import type { FileChange, Workspace } from '../ports/workspace.ts';

export async function classifyChange(
  changes: readonly FileChange[],
  workspace: Workspace,
  config: RepoConfig,
): Promise<RiskAssessment> {
  const contents = new Map<string, string>();
  for (const change of changes) {
    if (change.status === 'deleted' || change.binary) continue;
    const text = await workspace.readFile(change.path);
    if (text !== null) contents.set(change.path, text);
  }
  return classifyRisk(changes, { risk: config.risk, contents });
}
