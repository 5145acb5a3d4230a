// Every workflow greenlight ships (examples/workflows and its own .github/workflows),
// parsed with `yaml`: no event text inside `run:` (docs/security.md §7), the Action referenced
// consistently (`./` here, the published ref in examples), only declared inputs and
// outputs used, the triggers and permissions each setup needs; third-party actions
// pinned by commit SHA in the project's own workflows; CI and the release workflow.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  expectConcurrencyCheckoutAndAuditLog,
  expectDeclaredInputsAndOutputs,
  expectNoEventTextInRun,
  greenlightSteps,
  isGreenlight,
  UNTRUSTED,
  type Job,
  type Workflow,
} from './workflow-checks.ts';

const ROOT = join(import.meta.dirname, '..', '..');

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
const example = (name: string) =>
  examples.find(([file]) => file.endsWith(`/${name}`))?.[2] ??
  (() => {
    throw new Error(`no ${name}`);
  })();

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
    expectNoEventTextInRun(wf);
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
    (_file, text, wf) => expectDeclaredInputsAndOutputs(text, wf),
  );

  it.each(shipped.filter(([, , wf]) => greenlightSteps(wf).length > 0))(
    '%s has a concurrency group, pins checkout credentials off and uploads the audit log',
    (_file, _text, wf) => expectConcurrencyCheckoutAndAuditLog(wf),
  );

  it('the dogfood workflows are the examples with `uses: ./` and pinned actions', () => {
    for (const name of ['greenlight.yml', 'greenlight-gate.yml']) {
      const [, text, wf] = own.find(([f]) => f.endsWith(`/${name}`)) ?? [];
      const published = example(name);
      const local = structuredClone(published);
      for (const step of greenlightSteps(local)) step.uses = './';
      // Each pinned action is the release of the major the example names.
      const majors = new Map([...pinnedUses(text ?? '')].map((pin) => [pin.ref, `${pin.action}@${pin.major}`]));
      const mine = structuredClone(wf) as Workflow;
      for (const job of Object.values(mine.jobs))
        for (const step of job.steps ?? []) if (step.uses) step.uses = majors.get(step.uses) ?? step.uses;
      expect(mine).toEqual(local);
    }
  });
});

/** Every `uses:` line of a workflow's text, with the comment after it. */
function usesLines(text: string): { value: string; comment: string }[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)[ \t]*(#.*)?$/gm)].map((m) => ({
    value: m[1] ?? '',
    comment: (m[2] ?? '').trim(),
  }));
}

/** The third-party actions of a workflow, pinned as `owner/repo@<sha> # vX.Y.Z`. */
function* pinnedUses(text: string): Generator<{ ref: string; action: string; major: string; release: string }> {
  for (const { value, comment } of usesLines(text)) {
    const pin = /^([\w.-]+\/[\w./-]+)@([0-9a-f]{40})$/.exec(value);
    const release = /^# (v(\d+)\.\d+\.\d+)$/.exec(comment);
    if (pin && release) yield { ref: value, action: pin[1]!, major: `v${release[2]}`, release: release[1]! };
  }
}

describe("the project's own workflows", () => {
  it.each(own)('%s pins every third-party action to a full commit SHA, with its release in a comment', (_f, text) => {
    const lines = usesLines(text).filter((u) => u.value !== './');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.value, `${line.value} is not pinned to a 40-hex commit SHA`).toMatch(
        /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/,
      );
      expect(line.comment, `${line.value} has no "# vX.Y.Z" comment`).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
  });

  it('the pin check recognizes tags, short SHAs and missing comments', () => {
    const wf = [
      'steps:',
      '  - uses: actions/checkout@v4',
      '  - uses: actions/checkout@11d5960 # v4.4.0',
      '  - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262',
      '  - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0',
    ].join('\n');
    expect(usesLines(wf).map((u) => u.value)).toHaveLength(4);
    expect([...pinnedUses(wf)].map((p) => p.release)).toEqual(['v4.4.0']);
  });

  it('name one SHA per action and release across all of them', () => {
    const seen = new Map<string, string>();
    for (const [, text] of own)
      for (const pin of pinnedUses(text)) {
        const key = `${pin.action} ${pin.release}`;
        expect(seen.get(key) ?? pin.ref, key).toBe(pin.ref);
        seen.set(key, pin.ref);
      }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('ci.yml runs the whole suite on pushes to main and on pull requests, with the system packages', () => {
    const [, , ci] = own.find(([f]) => f.endsWith('/ci.yml')) ?? [];
    expect(ci?.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
    expect(ci?.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(ci?.jobs ?? {}).flatMap((job) => job.steps ?? []);
    expect(steps.map((s) => s.run?.trim()).filter(Boolean)).toContain('bash .ci/run');
    // .ci/run installs the system packages the tests need (npm run setup:system), then
    // runs npm ci and npm test.
    const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(script).toMatch(/^npm run (--silent )?setup:system$/m);
    expect(script).toMatch(/^npm ci\b/m);
    expect(script).toMatch(/^npm test$/m);
    expect(readFileSync(join(ROOT, 'scripts/setup-system.sh'), 'utf8')).toContain('missing+=(bubblewrap)');
    // On Debian as root, as .ci/run expects, privileged so that bubblewrap can create namespaces.
    const job = Object.values(ci?.jobs ?? {})[0] as Job & { container?: { image?: string; options?: string } };
    expect(job.container?.image).toMatch(/^debian:/);
    expect(job.container?.options).toBe('--privileged');
    // git before the checkout (else there is no .git), Debian's Node 20 for the version guard test.
    const install = steps.findIndex((s) => /apt-get install .*\bgit nodejs npm\b/.test(s.run ?? ''));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith('actions/checkout@')));
  });

  it('release.yml releases from main after CI, checks dist/ and moves the major tag through scripts/release.ts', () => {
    const [, text, release] = own.find(([f]) => f.endsWith('/release.yml')) ?? [];
    expect(Object.keys(release?.on ?? {})).toEqual(['workflow_dispatch']);
    expect(release?.permissions).toEqual({ contents: 'write', actions: 'read' });
    const job = Object.values(release?.jobs ?? {})[0];
    expect(job?.if).toBe("github.ref == 'refs/heads/main'");
    const runs = (job?.steps ?? []).map((s) => s.run ?? '');
    const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
    expect(at(/gh run list --workflow ci\.yml --commit "\$GITHUB_SHA" --status success/)).toBeGreaterThan(-1);
    expect(at(/^node scripts\/release\.ts "\$VERSION"$/)).toBeGreaterThan(at(/gh run list/));
    expect(at(/^npm pack$/)).toBeGreaterThan(at(/scripts\/release\.ts/));
    expect(at(/gh release create "v\$VERSION" "greenlight-\$VERSION\.tgz" --verify-tag/)).toBeGreaterThan(
      at(/^npm pack$/),
    );
    expect(text).toContain('VERSION: ${{ inputs.version }}');
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
