/**
 * The `run:` of the workflow step that failed, read from the workflow file on the
 * default branch (never from the pull request, docs/security.md §5), when it is a plain
 * test invocation (`plainTestCommand`). A job is matched by its `name:` or id (a matrix
 * job's name carries its values in brackets), a step by its `name:` or by the name
 * GitHub gives an unnamed `run:` step: `Run ` and the script's first line. A step that
 * runs in another directory is not taken: greenlight runs commands at the root.
 */
import { parse } from 'yaml';
import { plainTestCommand } from './plain-test-command.ts';

interface Step {
  name?: unknown;
  run?: unknown;
  'working-directory'?: unknown;
}

interface Job {
  name?: unknown;
  steps?: unknown;
  defaults?: { run?: { 'working-directory'?: unknown } };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function stepName(step: Step): string | null {
  const name = text(step.name);
  if (name !== null) return name.trim();
  const run = text(step.run);
  return run === null ? null : `Run ${run.trim().split('\n')[0] ?? ''}`.trim();
}

function jobMatches(id: string, job: Job, jobName: string): boolean {
  const name = text(job.name) ?? id;
  return jobName === name || jobName.startsWith(`${name} (`);
}

/**
 * @example
 * findStepCommand('jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n', 'test', 'Run npm test')
 * // 'npm test'
 */
export function findStepCommand(workflowYaml: string, jobName: string, failedStep: string): string | null {
  let doc: unknown;
  try {
    doc = parse(workflowYaml);
  } catch {
    return null;
  }
  const workflow = doc as { jobs?: unknown; defaults?: { run?: { 'working-directory'?: unknown } } } | null;
  const jobs = workflow?.jobs;
  if (typeof jobs !== 'object' || jobs === null) return null;
  if (workflow?.defaults?.run?.['working-directory'] !== undefined) return null;
  const entries = Object.entries(jobs as Record<string, Job>).filter(
    ([, job]) => typeof job === 'object' && job !== null,
  );
  const matched = entries.filter(([id, job]) => jobMatches(id, job, jobName));
  for (const [, job] of matched.length > 0 ? matched : entries) {
    if (!Array.isArray(job.steps)) continue;
    const step = (job.steps as Step[]).find((s) => typeof s === 'object' && s !== null && stepName(s) === failedStep);
    if (step === undefined) continue;
    if (step['working-directory'] !== undefined || job.defaults?.run?.['working-directory'] !== undefined) return null;
    const run = text(step.run);
    return run === null ? null : plainTestCommand(run);
  }
  return null;
}
