/**
 * The comment posted when the repository has no greenlight workflow: the App only
 * dispatches, the work runs in the repository's own GitHub Actions, so the first run
 * needs that workflow file. The comment quotes the exact file to add (the example
 * workflow shipped with greenlight) and links to GitHub's "new file" page.
 */
import { inlineCode } from '../../core/report/format.ts';
import { appCommentMarker } from './app-comment-marker.ts';

export interface MissingWorkflowInput {
  workflowFile: string;
  defaultBranch: string;
  /** The workflow file's text (workflow-template.ts). */
  template: string;
  /** `https://github.com/acme/shop` (or the GHES host). */
  repoUrl: string;
  retry: string;
}

/** A code fence longer than any run of backticks in `text`. */
function fence(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export function renderMissingWorkflow(input: MissingWorkflowInput): string {
  const dir = input.workflowFile.includes('/') ? input.workflowFile.slice(0, input.workflowFile.lastIndexOf('/')) : '';
  const name = input.workflowFile.slice(input.workflowFile.lastIndexOf('/') + 1);
  const newFile = `${input.repoUrl}/new/${encodeURIComponent(input.defaultBranch)}${dir === '' ? '' : `/${dir.split('/').map(encodeURIComponent).join('/')}`}?filename=${encodeURIComponent(name)}`;
  const ticks = fence(input.template);
  return (
    [
      appCommentMarker(),
      `### ⚠️ greenlight needs a workflow in this repository`,
      `The greenlight App does not run anything itself: it hands each request to this repository's GitHub Actions workflow ` +
        `${inlineCode(input.workflowFile)}, and there is no such file on ${inlineCode(input.defaultBranch)}. Nothing was started.`,
      `Add it with exactly this content ([create the file](${newFile})), add the secrets it names under ` +
        `*Settings → Secrets and variables → Actions*, then ${input.retry}:`,
      `${ticks}yaml\n${input.template.trimEnd()}\n${ticks}`,
    ].join('\n\n') + '\n'
  );
}
