// Every workflow greenlight ships (examples/workflows and its own .github/workflows),
// parsed with `yaml`: no event text inside `run:` (docs/security.md §7), the Action referenced
// consistently (`./` here, the published ref in examples), only declared inputs and
// outputs used, the triggers and permissions each setup needs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  if?: string;
  with?: Record<string, unknown>;
  name?: string;
}
interface Job {
  if?: string;
  permissions?: Record<string, string> | string;
  steps?: Step[];
  needs?: string | string[];
  outputs?: Record<string, string>;
}
interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  permissions?: unknown;
  concurrency?: { group?: string };
  jobs: Record<string, Job>;
}

function load(dir: string): [string, string, Workflow][] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(ROOT, dir, f), 'utf8');
      return [`${dir}/${f}`, text, parse(text) as Workflow];
    });
}

const examples = load('examples/workflows');
const own = load('.github/workflows');
const shipped = [...examples, ...own];
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const example = (name: string) =>
  examples.find(([file]) => file.endsWith(`/${name}`))?.[2] ??
  (() => {
    throw new Error(`no ${name}`);
  })();

const isGreenlight = (uses: string | undefined) => uses === './' || /^greenlight-bot\/greenlight@/.test(uses ?? '');
const greenlightSteps = (wf: Workflow) =>
  Object.values(wf.jobs).flatMap((job) => (job.steps ?? []).filter((s) => isGreenlight(s.uses)));

/** Event text, or text a requester controls, inside `${{ }}`. */
const UNTRUSTED = /\$\{\{[^}]*\b(?:github\.event\.|github\.head_ref|inputs\.|github\.event\[)[^}]*\}\}/;

describe('shipped workflows', () => {
  it('ships the three examples and the dogfood copies', () => {
    expect(examples.map(([f]) => f)).toEqual([
      'examples/workflows/greenlight-gate.yml',
      'examples/workflows/greenlight-two-job.yml',
      'examples/workflows/greenlight.yml',
    ]);
    expect(own.map(([f]) => f)).toEqual(
      expect.arrayContaining(['.github/workflows/greenlight-gate.yml', '.github/workflows/greenlight.yml']),
    );
  });

  it('the untrusted-text check recognizes event text in run:', () => {
    expect(UNTRUSTED.test('echo "${{ github.event.issue.title }}"')).toBe(true);
    expect(UNTRUSTED.test('echo ${{github.head_ref}}')).toBe(true);
    expect(UNTRUSTED.test('echo ${{ inputs.issue }}')).toBe(true);
    expect(UNTRUSTED.test('echo "$TITLE" # ${{ runner.temp }}')).toBe(false);
  });

  it.each(shipped)('%s puts no event text inside run: (docs/security.md §7)', (_file, _text, wf) => {
    const runs = Object.values(wf.jobs).flatMap((job) =>
      (job.steps ?? []).map((s) => s.run).filter((r): r is string => r !== undefined),
    );
    for (const run of runs) expect(run).not.toMatch(UNTRUSTED);
  });

  it.each(examples)('%s uses the published Action ref', (_file, _text, wf) => {
    const steps = greenlightSteps(wf);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.uses).toBe('greenlight-bot/greenlight@v1');
  });

  it.each(own.filter(([, , wf]) => greenlightSteps(wf).length > 0))(
    '%s uses the Action from its own checkout, after checking it out',
    (_file, _text, wf) => {
      for (const job of Object.values(wf.jobs)) {
        const steps = job.steps ?? [];
        const at = steps.findIndex((s) => isGreenlight(s.uses));
        if (at === -1) continue;
        expect(steps[at]?.uses).toBe('./');
        expect(steps.slice(0, at).some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(true);
      }
    },
  );

  it.each(shipped.filter(([, , wf]) => greenlightSteps(wf).length > 0))(
    '%s passes only declared inputs and reads only declared outputs',
    (_file, text, wf) => {
      for (const step of greenlightSteps(wf)) {
        for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
        expect(step.id).toBe('greenlight');
      }
      for (const [, output] of text.matchAll(/steps\.greenlight\.outputs\.([a-z_]+)/g))
        expect(Object.keys(action.outputs)).toContain(output);
    },
  );

  it.each(shipped.filter(([, , wf]) => greenlightSteps(wf).length > 0))(
    '%s has a concurrency group, pins checkout credentials off and uploads the audit log',
    (_file, _text, wf) => {
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
    },
  );

  it('the dogfood workflows are the examples with `uses: ./`', () => {
    for (const name of ['greenlight.yml', 'greenlight-gate.yml']) {
      const mine = own.find(([f]) => f.endsWith(`/${name}`))?.[2];
      const published = example(name);
      const local = structuredClone(published);
      for (const step of greenlightSteps(local)) step.uses = './';
      expect(mine).toEqual(local);
    }
  });
});

describe('the single-job workflow', () => {
  const wf = example('greenlight.yml');

  it("triggers on labels, new comments, reviews, failed CI runs and dispatches with the App's inputs", () => {
    expect(wf.on).toMatchObject({
      issues: { types: ['labeled'] },
      issue_comment: { types: ['created'] },
      pull_request_review: { types: ['submitted'] },
      workflow_run: { workflows: ['CI'], types: ['completed'] },
    });
    const inputs = Object.keys((wf.on?.['workflow_dispatch'] as { inputs: Record<string, unknown> }).inputs);
    expect(inputs).toEqual(
      expect.arrayContaining([
        'issue',
        'pr',
        'requester',
        'head_sha',
        'comment_id',
        'instruction',
        'progress_comment',
        'review_id',
        'run_id',
      ]),
    );
  });

  it('lets through only the failed runs and the reviews greenlight acts on', () => {
    const condition = wf.jobs['greenlight']?.if ?? '';
    expect(condition).toContain(
      "github.event_name == 'workflow_run' && github.event.workflow_run.conclusion == 'failure'",
    );
    expect(condition).toContain("github.event.review.state == 'changes_requested'");
    expect(wf.concurrency?.group).toContain('github.event.workflow_run.pull_requests[0].number');
  });

  it("can push, comment and write the gate check, read failed CI runs, holds the model key, and edits the App's comment", () => {
    expect(wf.permissions).toEqual({
      contents: 'write',
      issues: 'write',
      'pull-requests': 'write',
      checks: 'write',
      actions: 'read',
    });
    expect(greenlightSteps(wf)[0]?.with).toEqual({
      anthropic_api_key: '${{ secrets.ANTHROPIC_API_KEY }}',
      progress_comment: '${{ inputs.progress_comment }}',
    });
  });
});

describe('the two-job workflow (least privilege)', () => {
  const wf = example('greenlight-two-job.yml');
  const { generate, publish } = wf.jobs;

  it('gives nothing by default', () => {
    expect(wf.permissions).toEqual({});
  });

  it('generate holds the model key and cannot push; it writes and uploads a bundle', () => {
    expect(generate?.permissions).toEqual({ contents: 'read', issues: 'write', 'pull-requests': 'write' });
    const step = (generate?.steps ?? []).find((s) => isGreenlight(s.uses));
    expect(step?.with).toEqual({
      anthropic_api_key: '${{ secrets.ANTHROPIC_API_KEY }}',
      bundle_path: '${{ runner.temp }}/greenlight-bundle',
      progress_comment: '${{ inputs.progress_comment }}',
    });
    expect(generate?.outputs).toEqual({ outcome: '${{ steps.greenlight.outputs.outcome }}' });
    expect(
      (generate?.steps ?? []).some(
        (s) =>
          s.uses?.startsWith('actions/upload-artifact@') && s.if === "steps.greenlight.outputs.outcome == 'bundled'",
      ),
    ).toBe(true);
  });

  it('publish holds the write token, no model key, and runs no install or repository code', () => {
    expect(publish?.needs).toBe('generate');
    expect(publish?.if).toBe("needs.generate.outputs.outcome == 'bundled'");
    expect(publish?.permissions).toEqual({
      contents: 'write',
      issues: 'write',
      'pull-requests': 'write',
      checks: 'write',
    });
    const steps = publish?.steps ?? [];
    expect(steps.filter((s) => s.run !== undefined)).toEqual([]);
    expect(JSON.stringify(publish)).not.toContain('ANTHROPIC');
    expect(steps.find((s) => isGreenlight(s.uses))?.with).toEqual({
      mode: 'publish',
      bundle_path: '${{ runner.temp }}/greenlight-bundle',
    });
    expect(steps.some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(true);
  });
});

describe('the gate workflow', () => {
  const wf = example('greenlight-gate.yml');

  it('recomputes on reviews and pushes, without a model key', () => {
    expect(wf.on).toEqual({
      pull_request_review: { types: ['submitted', 'dismissed'] },
      pull_request_target: { types: ['synchronize'] },
    });
    expect(greenlightSteps(wf)[0]?.with).toEqual({ mode: 'gate' });
    expect(JSON.stringify(wf)).not.toContain('ANTHROPIC');
    expect(wf.permissions).toMatchObject({ contents: 'read', checks: 'write' });
    expect(
      Object.values(wf.jobs)
        .flatMap((j) => j.steps ?? [])
        .filter((s) => s.run !== undefined),
    ).toEqual([]);
  });
});
