// The checks every workflow that runs greenlight must pass, shared by the shipped
// workflows (workflows.test.ts) and what `greenlight init` writes (test/cli/init.test.ts):
// no event text inside `run:` (docs/security.md §7), only the Action's declared inputs and
// outputs, a concurrency group, checkout without persisted credentials, and the audit
// log uploaded whatever happened.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';

export interface Step {
  uses?: string;
  run?: string;
  id?: string;
  if?: string;
  with?: Record<string, unknown>;
  name?: string;
  'working-directory'?: string;
}
export interface Job {
  if?: string;
  permissions?: Record<string, string> | string;
  steps?: Step[];
  needs?: string | string[];
  outputs?: Record<string, string>;
}
export interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  permissions?: unknown;
  concurrency?: { group?: string };
  jobs: Record<string, Job>;
}

const ROOT = join(import.meta.dirname, '..', '..');

export const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};

export const isGreenlight = (uses: string | undefined) =>
  uses === './' || /^greenlight-bot\/greenlight@/.test(uses ?? '');

export const greenlightSteps = (wf: Workflow) =>
  Object.values(wf.jobs).flatMap((job) => (job.steps ?? []).filter((s) => isGreenlight(s.uses)));

/** Event text, or text a requester controls, inside `${{ }}`. */
export const UNTRUSTED = /\$\{\{[^}]*\b(?:github\.event\.|github\.head_ref|inputs\.|github\.event\[)[^}]*\}\}/;

export function expectNoEventTextInRun(wf: Workflow): void {
  const runs = Object.values(wf.jobs).flatMap((job) =>
    (job.steps ?? []).map((s) => s.run).filter((r): r is string => r !== undefined),
  );
  for (const run of runs) expect(run).not.toMatch(UNTRUSTED);
}

export function expectDeclaredInputsAndOutputs(text: string, wf: Workflow): void {
  for (const step of greenlightSteps(wf)) {
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    expect(step.id).toBe('greenlight');
  }
  for (const [, output] of text.matchAll(/steps\.greenlight\.outputs\.([a-z_]+)/g))
    expect(Object.keys(action.outputs)).toContain(output);
}

export function expectConcurrencyCheckoutAndAuditLog(wf: Workflow): void {
  expect(wf.concurrency?.group).toMatch(/^greenlight-/);
  for (const job of Object.values(wf.jobs)) {
    const steps = job.steps ?? [];
    if (!steps.some((s) => isGreenlight(s.uses))) continue;
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with).toMatchObject({ 'persist-credentials': false, 'fetch-depth': 0 });
    const upload = steps.find(
      (s) =>
        s.uses?.startsWith('actions/upload-artifact@') &&
        String(s.with?.['path']).includes('steps.greenlight.outputs.audit_log'),
    );
    expect(upload?.if).toContain('always()');
  }
}

/** Every check above, on a workflow's text. */
export function expectGreenlightWorkflow(text: string): Workflow {
  const wf = parse(text) as Workflow;
  expect(greenlightSteps(wf).length).toBeGreaterThan(0);
  expectNoEventTextInRun(wf);
  expectDeclaredInputsAndOutputs(text, wf);
  expectConcurrencyCheckoutAndAuditLog(wf);
  return wf;
}
