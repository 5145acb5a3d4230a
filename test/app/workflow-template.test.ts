import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appWorkflow } from '../../src/app/app-workflow.ts';
import { DISPATCH_INPUT_NAMES } from '../../src/app/render-dispatch-comment.ts';
import { GREENLIGHT_WORKFLOW_TEMPLATE } from '../../src/app/workflow-template.ts';
import { workflowTemplateModule } from '../../scripts/write-workflow-template.ts';
import { readFileSync } from 'node:fs';

describe('the workflow the missing-workflow comment quotes', () => {
  it('is generated from examples/workflows/greenlight.yml (run `node scripts/write-workflow-template.ts` when this fails)', () => {
    const module = readFileSync(new URL('../../src/app/workflow-template.ts', import.meta.url), 'utf8');
    expect(module).toBe(workflowTemplateModule());
  });

  it('is started only by workflow_dispatch, and declares every input the App sends', () => {
    const workflow = parse(GREENLIGHT_WORKFLOW_TEMPLATE) as {
      on: Record<string, { inputs: Record<string, unknown> }>;
      jobs: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(Object.keys(workflow.on.workflow_dispatch?.inputs ?? {}).sort()).toEqual([...DISPATCH_INPUT_NAMES].sort());
    expect(Object.values(workflow.jobs).some((job) => 'if' in job)).toBe(false);
  });

  it('puts no event text inside run: (docs/security.md §7)', () => {
    expect(GREENLIGHT_WORKFLOW_TEMPLATE).not.toMatch(/run:[^\n]*\$\{\{\s*github\.event/);
  });

  it('refuses an example the App could not start', () => {
    expect(() => appWorkflow('name: x\non:\n  push: {}\njobs: {}\n')).toThrow('has no `on.workflow_dispatch`');
  });
});
