/**
 * What an adapter reads for the content rule, decided here so that every face reads
 * the same: for each changed module that could be pure (`mayBePure`), its text at the
 * base, the manifests above it at the base, and the tests at the head named after it.
 */
import type { FileChange } from '../../../ports/workspace.ts';
import { isDocPath, isTestPath } from '../path-sets.ts';
import { testCandidates } from './exercising-tests.ts';
import { mayBePure } from './judge-module.ts';
import { manifestPaths } from './package-facts.ts';

export interface EvidencePlan {
  /** Changed modules the content rule may lower. */
  candidates: FileChange[];
  /** Paths to read at the base: the candidates' base paths and every manifest path above them. */
  atBase: string[];
}

/** Plans the reads for `changes`, whose head texts are `contents`. */
export function planEvidence(changes: readonly FileChange[], contents: ReadonlyMap<string, string>): EvidencePlan {
  const candidates = changes.filter((change) => {
    if (change.status === 'deleted' || change.binary || isTestPath(change.path) || isDocPath(change.path)) return false;
    const text = contents.get(change.path);
    return text !== undefined && mayBePure(change.path, text);
  });
  const atBase = new Set<string>();
  for (const change of candidates) {
    if (change.status !== 'added') atBase.add(change.previousPath ?? change.path);
    for (const path of manifestPaths(change.path)) atBase.add(path);
  }
  return { candidates, atBase: [...atBase] };
}

/** Test files at the head (`files`) to read for the candidates, best first per candidate. */
export function testsToRead(candidates: readonly FileChange[], files: readonly string[]): string[] {
  return [...new Set(candidates.flatMap((change) => testCandidates(change.path, files)))];
}
