/**
 * Risk of a job's final change, step 4 of
 * docs/architecture.md "A job, from request to pull request", with the full text of
 * every changed file so that content rules can look beyond the changed lines, and the
 * content evidence (texts at `base`, manifests at `base`, tests in the working tree).
 */
import { readBlobs } from '../adapters/git/read-blobs.ts';
import { readContentEvidence } from '../adapters/git/read-content-evidence.ts';
import type { RepoConfig } from '../core/config/repo-config.ts';
import type { RiskAssessment } from '../core/risk/assessment.ts';
import { classifyRisk } from '../core/risk/classify-risk.ts';
import type { FileChange, Workspace } from '../ports/workspace.ts';

async function readAll(workspace: Workspace, paths: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const path of paths) {
    const text = await workspace.readFile(path);
    if (text !== null) texts.set(path, text);
  }
  return texts;
}

export async function classifyChange(
  changes: readonly FileChange[],
  workspace: Workspace,
  config: RepoConfig,
  base: string,
): Promise<RiskAssessment> {
  const contents = await readAll(
    workspace,
    changes.filter((change) => change.status !== 'deleted' && !change.binary).map((change) => change.path),
  );
  const evidence = await readContentEvidence(
    {
      readBase: (paths) => readBlobs(workspace.root, base, paths),
      readHead: (paths) => readAll(workspace, paths),
      listHead: () => workspace.listFiles(),
    },
    changes,
    contents,
  );
  return classifyRisk(changes, { risk: config.risk, contents, evidence });
}
