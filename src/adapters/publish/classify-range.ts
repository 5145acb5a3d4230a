/**
 * The publish step's own risk classification of what a branch will hold: the changes
 * from `base` to `head` as git reports them, with the new text of changed files for
 * whole-file rules and the content evidence for the content rule. It never reuses a tier handed to it
 * (docs/security.md §20).
 */
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { RiskAssessment } from '../../core/risk/assessment.ts';
import { classifyRisk } from '../../core/risk/classify-risk.ts';
import type { FileChange } from '../../ports/workspace.ts';
import { diffChanges } from '../git/diff-changes.ts';
import { readBlobs } from '../git/read-blobs.ts';
import { readContentEvidence, revisionEvidence } from '../git/read-content-evidence.ts';

export interface ClassifiedRange {
  changes: FileChange[];
  risk: RiskAssessment;
}

/** `base` and `head` are commits or trees. */
export async function classifyRange(
  root: string,
  base: string,
  head: string,
  config: RepoConfig,
): Promise<ClassifiedRange> {
  const changes = await diffChanges(root, [base, head]);
  const readable = changes
    .filter((c) => c.status !== 'deleted' && !c.binary && c.newMode !== '160000')
    .map((c) => c.path);
  const contents = await readBlobs(root, head, readable);
  const evidence = await readContentEvidence(revisionEvidence(root, base, head), changes, contents);
  return { changes, risk: classifyRisk(changes, { risk: config.risk, contents, evidence }) };
}
