/**
 * Regenerates src/app/workflow-template.ts from examples/workflows/greenlight.yml, so
 * that the App never reads files at run time:
 *
 *   node scripts/write-workflow-template.ts
 *
 * test/app/workflow-template.test.ts fails when the embedded text is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { appWorkflow } from '../src/app/app-workflow.ts';

const EXAMPLE = new URL('../examples/workflows/greenlight.yml', import.meta.url);
const TARGET = new URL('../src/app/workflow-template.ts', import.meta.url);

/** The module text for the current example. */
export function workflowTemplateModule(example = readFileSync(EXAMPLE, 'utf8')): string {
  return [
    '// Generated from examples/workflows/greenlight.yml by `node scripts/write-workflow-template.ts`; do not edit.',
    "// The workflow the App's missing-workflow comment quotes (app-workflow.ts: the example without its",
    '// `issues` / `issue_comment` triggers, which the App handles).',
    `export const GREENLIGHT_WORKFLOW_TEMPLATE = ${JSON.stringify(appWorkflow(example))};`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && new URL(`file://${process.argv[1]}`).href === import.meta.url) {
  writeFileSync(TARGET, workflowTemplateModule());
  console.log(`wrote ${TARGET.pathname}`);
}
