/**
 * The workflow a repository needs for the App, derived from the shipped example
 * (`examples/workflows/greenlight.yml`): the same file without the `issues`,
 * `issue_comment`, `pull_request_review` and `workflow_run` triggers and the job
 * condition that filtered them — with the App installed, the App receives those events
 * and dispatches the workflow, so triggering it directly too would handle each request
 * twice. Pure: `scripts/write-workflow-template.ts` runs it at build time and embeds the result
 * (workflow-template.ts), so the App never reads files at run time.
 */
import { isMap, isScalar, parseDocument } from 'yaml';

const HEADER = [
  ' greenlight, started by the greenlight GitHub App: the App authorizes each request',
  ' (label an issue `ai-generate`, comment `/fix …` on a pull request, request changes in a',
  ' review of its pull request), acknowledges it and dispatches this workflow with the inputs',
  ' below, as it does when CI fails on its pull request; the work runs here, in your runner.',
  ' You can also start it by hand from the Actions tab.',
  ' Add it as .github/workflows/greenlight.yml and add the ANTHROPIC_API_KEY secret.',
].join('\n');

export function appWorkflow(example: string): string {
  const doc = parseDocument(example);
  const on = doc.get('on', true);
  if (!isMap(on) || !on.has('workflow_dispatch')) {
    throw new Error('examples/workflows/greenlight.yml has no `on.workflow_dispatch`: the App cannot start it');
  }
  for (const trigger of ['issues', 'issue_comment', 'pull_request_review', 'workflow_run']) on.delete(trigger);
  // Job conditions that pre-filter those events have nothing left to filter.
  const jobs = doc.get('jobs', true);
  if (isMap(jobs)) {
    for (const job of jobs.items) {
      const condition = isMap(job.value) ? job.value.get('if') : undefined;
      if (!isMap(job.value) || typeof condition !== 'string' || !/event_name == 'issue/.test(condition)) continue;
      job.value.delete('if');
      // Its explanation stays behind on the job; it goes with it.
      const next = job.value.items[0]?.key;
      if (/pre-filter/.test(job.value.commentBefore ?? '')) job.value.commentBefore = null;
      if (isScalar(next) && /pre-filter/.test(next.commentBefore ?? '')) next.commentBefore = null;
    }
  }
  // The example's header speaks about its own triggers; the App's version has its own.
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
  if (isScalar(first)) first.commentBefore = null;
  doc.commentBefore = HEADER;
  return doc.toString();
}
