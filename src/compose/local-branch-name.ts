/**
 * The branch a local run keeps its result on: `branch.template` as the Action uses it,
 * with what a local run has instead of an issue and a workflow run.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import { branchName } from '../core/publish/branch-name.ts';
import type { LocalTask } from './local-task.ts';

/** `branch.template` with `{number}` → `local` when the task is not an issue, `{run}` → the UTC time. */
export function localBranchName(config: RepoConfig, task: LocalTask, at: Date): string {
  const template =
    task.issueNumber === undefined ? config.branch.template.replaceAll('{number}', 'local') : config.branch.template;
  return branchName(template, { number: task.issueNumber ?? 0, title: task.title, run: timeStamp(at) });
}

/** `20250131T235959Z`: sortable, and safe in file and branch names. */
export function timeStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
