import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkWorkflowWiring, type WiringLine } from '../../../src/core/init/check-workflow-wiring.ts';
import { renderWiringLines } from '../../../src/core/init/render-init-report.ts';
import { GREENLIGHT_WORKFLOW_TEMPLATE } from '../../../src/app/workflow-template.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/workflows/${name}`, import.meta.url), 'utf8');
const SINGLE = example('greenlight.yml');
const TWO = example('greenlight-two-job.yml');
const GATE = example('greenlight-gate.yml');
const defaults = {
  trigger: { label: 'ai-generate', fixCommand: '/fix', allowedBots: [], fixOnChangesRequested: true },
};

const check = (files: Record<string, string>, config = defaults) =>
  checkWorkflowWiring(
    Object.entries(files).map(([name, text]) => ({ path: `.github/workflows/${name}`, text })),
    config,
  );
const failed = (lines: WiringLine[]) => lines.filter((line) => line.status !== 'ok');

describe('checkWorkflowWiring', () => {
  it('passes every shipped example, and the App’s dispatch-only workflow', () => {
    expect(failed(check({ 'greenlight.yml': SINGLE, 'greenlight-gate.yml': GATE }))).toEqual([]);
    expect(failed(check({ 'greenlight.yml': TWO, 'greenlight-gate.yml': GATE }))).toEqual([]);
    const app = check({ 'greenlight.yml': GREENLIGHT_WORKFLOW_TEMPLATE, 'greenlight-gate.yml': GATE });
    expect(failed(app)).toEqual([]);
    expect(app.find((line) => line.label === 'triggers')?.detail).toContain('workflow_dispatch only');
  });

  it('says when no workflow runs greenlight, and when the review gate is missing', () => {
    expect(check({ 'ci.yml': 'on: push\njobs:\n  test:\n    steps:\n      - run: npm test\n' })).toEqual([
      {
        label: 'workflow',
        status: 'fail',
        detail:
          'no workflow in .github/workflows runs greenlight-bot/greenlight: labels and /fix comments start nothing',
        fix: ['run `greenlight init` to write .github/workflows/greenlight.yml'],
      },
    ]);
    expect(failed(check({ 'greenlight.yml': SINGLE })).map((line) => [line.label, line.status])).toEqual([
      ['gate workflow', 'warn'],
    ]);
  });

  it('finds a condition that names another label or fix command than the config', () => {
    const config = { trigger: { ...defaults.trigger, label: 'bot', fixCommand: '/gl' } };
    const lines = failed(check({ 'greenlight.yml': SINGLE, 'greenlight-gate.yml': GATE }, config));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.label).toBe('condition');
    expect(lines[0]?.detail).toBe(
      ".github/workflows/greenlight.yml (job greenlight): the job condition names the label 'ai-generate' where trigger.label is 'bot', so labelling an issue `bot` starts nothing; names the fix command '/fix' where trigger.fixCommand is '/gl', so commenting `/gl` starts nothing; names the fix command '/fix' where trigger.fixCommand is '/gl', so commenting `/gl` starts nothing",
    );
    // A literal trigger_label input overrides the config, so the condition must name that.
    const overridden = SINGLE.replace(
      'anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}',
      'anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}\n          trigger_label: bot',
    );
    expect(failed(check({ 'greenlight.yml': overridden, 'greenlight-gate.yml': GATE })).map((l) => l.detail)).toEqual([
      expect.stringMatching(/names the label 'ai-generate' where trigger\.label is 'bot'/),
    ]);
  });

  it('finds two workflows that would both start on a labelled issue', () => {
    const lines = failed(check({ 'ai.yml': SINGLE, 'greenlight.yml': SINGLE, 'greenlight-gate.yml': GATE }));
    expect(lines).toEqual([
      {
        label: 'workflow',
        status: 'fail',
        detail:
          '.github/workflows/ai.yml (job greenlight) and .github/workflows/greenlight.yml (job greenlight) all start greenlight on labelled issues: each request would run 2 times',
        fix: ['keep one of them (greenlight init writes .github/workflows/greenlight.yml)'],
      },
    ]);
  });

  it('finds missing triggers', () => {
    const noIssues = SINGLE.replace('  issues:\n    types: [labeled]\n', '');
    const [line] = failed(check({ 'greenlight.yml': noIssues, 'greenlight-gate.yml': GATE }));
    expect(line).toMatchObject({
      label: 'triggers',
      status: 'fail',
      detail: '.github/workflows/greenlight.yml (job greenlight) does not run on issues labelled `ai-generate`',
      fix: ['add under on: `issues: { types: [labeled] }`'],
    });
  });

  it('wants exactly the permissions greenlight uses: none missing, none extra, no write-all', () => {
    const extra = SINGLE.replace('  actions: read', '  actions: read\n  packages: write');
    expect(failed(check({ 'greenlight.yml': extra, 'greenlight-gate.yml': GATE }))).toEqual([
      {
        label: 'permissions',
        status: 'fail',
        detail:
          '.github/workflows/greenlight.yml (job greenlight) grants packages: write, which greenlight does not use',
        fix: ['remove packages: write'],
      },
    ]);
    const missing = SINGLE.replace(/ {2}checks: write.*\n/, '').replace('contents: write ', 'contents: read  ');
    expect(failed(check({ 'greenlight.yml': missing, 'greenlight-gate.yml': GATE }))[0]?.detail).toBe(
      '.github/workflows/greenlight.yml (job greenlight) lacks contents: write; lacks checks: write',
    );
    const tooMuch = GATE.replace('contents: read', 'contents: write');
    expect(failed(check({ 'greenlight.yml': SINGLE, 'greenlight-gate.yml': tooMuch }))[0]?.detail).toBe(
      '.github/workflows/greenlight-gate.yml (job gate) grants contents: write where greenlight needs read',
    );
    const all = SINGLE.replace(/^permissions:\n(?: {2}.*\n)+/m, 'permissions: write-all\n');
    expect(failed(check({ 'greenlight.yml': all, 'greenlight-gate.yml': GATE }))[0]).toMatchObject({
      label: 'permissions',
      detail: expect.stringContaining('grants `write-all`'),
    });
    const none = SINGLE.replace(/^permissions:\n(?: {2}.*\n)+/m, '');
    expect(failed(check({ 'greenlight.yml': none, 'greenlight-gate.yml': GATE }))[0]?.detail).toContain(
      "sets no permissions: the token gets the repository's default",
    );
    // The two-job pair: generate may not push.
    const pushing = TWO.replace('contents: read        # read only', 'contents: write       # read only');
    expect(failed(check({ 'greenlight.yml': pushing, 'greenlight-gate.yml': GATE }))[0]?.detail).toBe(
      '.github/workflows/greenlight.yml (job generate) grants contents: write where greenlight needs read',
    );
  });

  it('wants checkout without persisted credentials', () => {
    const persisted = GATE.replace('persist-credentials: false', 'persist-credentials: true');
    expect(failed(check({ 'greenlight.yml': SINGLE, 'greenlight-gate.yml': persisted }))).toEqual([
      {
        label: 'checkout',
        status: 'fail',
        detail:
          ".github/workflows/greenlight-gate.yml (job gate): actions/checkout leaves the token in .git/config, where the repository's code could read it",
        fix: ["add `persist-credentials: false` under the checkout step's `with:`"],
      },
    ]);
  });

  it('reports a workflow that is not YAML, and renders lines as doctor does', () => {
    const lines = check({ 'broken.yml': 'on: [\n', 'greenlight.yml': SINGLE, 'greenlight-gate.yml': GATE });
    expect(lines[0]).toMatchObject({ label: 'workflow', status: 'warn' });
    expect(lines[0]?.detail).toMatch(/^\.github\/workflows\/broken\.yml is not valid YAML/);
    const text = renderWiringLines(check({ 'greenlight.yml': SINGLE.replace("'ai-generate'", "'x'") }));
    expect(text).toMatch(/^✓ workflow +\.github\/workflows\/greenlight\.yml runs greenlight \(job greenlight\)$/m);
    expect(text).toMatch(/^✗ condition +.*names the label 'x'/m);
    expect(text).toMatch(/^ +→ run `greenlight init --force`/m);
    expect(text).toMatch(/^! gate workflow /m);
    expect(text.split('\n').at(-1)).toBe('1 wiring check failed (✗): fix it and run greenlight init --check again.');
  });
});
