/**
 * The workflow files `greenlight init` writes: the shipped examples (embedded in
 * workflow-templates.ts) with the repository's install steps, the job's `if:` naming
 * the config's trigger label and fix command, and CI repair following the repository's
 * own CI workflows. The examples stay the one source: every other line is theirs, so
 * test/action/workflows.test.ts's checks hold for what init writes too.
 *
 * Text is substituted at lines the examples are known to have, and each substitution
 * must happen exactly as often as expected: an example edited out of that shape fails
 * loudly (and in test/core/init/render-workflow.test.ts) instead of writing a workflow
 * that silently keeps `ai-generate`.
 */
import { parse, stringify } from 'yaml';
import { GreenlightError } from '../../ports/errors.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { RepositoryLayout } from './detect-layout.ts';
import { describeLayout, setupSteps } from './setup-steps.ts';
import { GATE_TEMPLATE, SINGLE_JOB_TEMPLATE, TWO_JOB_TEMPLATE } from './workflow-templates.ts';

export type WorkflowKind = 'single-job' | 'two-job' | 'gate';

export interface RenderWorkflowInput {
  kind: WorkflowKind;
  trigger: Pick<RepoConfig['trigger'], 'label' | 'fixCommand'>;
  layout: RepositoryLayout;
  /** The example to adapt; default the embedded one of `kind`. */
  template?: string;
}

/** A string literal of a GitHub Actions expression: single quotes, doubled inside. */
export function expressionString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const TEMPLATES: Record<WorkflowKind, string> = {
  'single-job': SINGLE_JOB_TEMPLATE,
  'two-job': TWO_JOB_TEMPLATE,
  gate: GATE_TEMPLATE,
};

/** How often each substitution happens in each example. */
const EXPECTED: Record<WorkflowKind, { install: number; label: number; comment: number; review: number; ci: number }> =
  {
    'single-job': { install: 1, label: 1, comment: 1, review: 1, ci: 1 },
    'two-job': { install: 1, label: 1, comment: 1, review: 0, ci: 0 },
    gate: { install: 0, label: 0, comment: 0, review: 0, ci: 0 },
  };

const INSTALL_BLOCK =
  /^(?: {6}#.*\n)*( {6})- uses: actions\/setup-node@v\d+\n {8}with:\n {10}node-version: \d+\n {6}- name: Install dependencies\n {8}run: npm ci\n/gm;

function header(kind: WorkflowKind, input: RenderWorkflowInput): string {
  const { label, fixCommand } = input.trigger;
  const what: Record<WorkflowKind, string[]> = {
    'single-job': [
      `greenlight: label an issue \`${label}\` and a validated pull request appears; comment`,
      `\`${fixCommand} …\` on a pull request and a validated commit appears on it. Reviews requesting`,
      'changes on its pull requests are answered, and failed CI on them is repaired.',
    ],
    'two-job': [
      `greenlight with least privilege: label an issue \`${label}\` or comment \`${fixCommand} …\` on a pull`,
      'request. `generate` holds the model key and cannot push; `publish` holds the write',
      'token, no model key, runs no repository code and re-validates the change bundle.',
    ],
    gate: [
      "greenlight's review gate: recomputes the greenlight/review-gate check of greenlight's",
      'pull requests when a review is submitted or dismissed and when someone pushes. Make it',
      'binding with a ruleset that requires the check (README "The review gate").',
    ],
  };
  const origin =
    kind === 'two-job' ? 'greenlight-two-job.yml' : kind === 'gate' ? 'greenlight-gate.yml' : 'greenlight.yml';
  const lines = [...what[kind], '', `Written by \`greenlight init\` from greenlight's examples/workflows/${origin}.`];
  if (kind !== 'gate')
    lines.push(
      'The job condition names trigger.label and trigger.fixCommand of .github/greenlight.yml:',
      'after changing either, run `greenlight init --force` so that both agree again',
      '(`greenlight init --check` says when they do not).',
    );
  return `${lines.map((line) => (line === '' ? '#' : `# ${line}`)).join('\n')}\n`;
}

function installText(layout: RepositoryLayout, indent: string): string {
  const steps = setupSteps(layout);
  const detected = describeLayout(layout);
  const comment = [
    detected.length === 0
      ? '# Install what the tests need here: greenlight init found neither JavaScript nor Python.'
      : `# Install what the tests need: ${detected.join('; ')}.`,
    '# greenlight itself runs no install unless tests.installCommand says so.',
  ];
  const body = steps.length === 0 ? '' : stringify(steps, { lineWidth: 0 });
  const lines = [...comment, ...body.split('\n').filter((line) => line !== '')];
  return `${lines.map((line) => `${indent}${line}`).join('\n')}\n`;
}

/** A workflow name in a flow sequence: plain when YAML reads it back unchanged. */
function flowItem(name: string): string {
  return /^[A-Za-z0-9_.()-][A-Za-z0-9 _.()/-]*$/.test(name) && !/ $/.test(name) ? name : JSON.stringify(name);
}

function substitute(text: string, pattern: RegExp, replace: (match: string, ...groups: string[]) => string) {
  let count = 0;
  const result = text.replace(pattern, (match: string, ...groups: string[]) => {
    count += 1;
    return replace(match, ...groups);
  });
  return { text: result, count };
}

/**
 * @throws GreenlightError `usage` for a trigger label or fix command a workflow
 *   condition cannot hold (a line break); `internal` when an example lost a line init
 *   substitutes.
 */
export function renderWorkflow(input: RenderWorkflowInput): string {
  const { kind, trigger, layout } = input;
  for (const [key, value] of [
    ['trigger.label', trigger.label],
    ['trigger.fixCommand', trigger.fixCommand],
  ] as const) {
    if (/[\n\r\0]/.test(value)) throw new GreenlightError('usage', `${key} contains a line break; use one line.`);
  }
  const template = input.template ?? TEMPLATES[kind];
  const counts: Record<keyof (typeof EXPECTED)[WorkflowKind], number> = {
    install: 0,
    label: 0,
    comment: 0,
    review: 0,
    ci: 0,
  };
  let text = template.replace(/^(?:#.*\n)+/, header(kind, input));
  const steps: [keyof typeof counts, RegExp, (match: string, ...groups: string[]) => string][] = [
    ['install', INSTALL_BLOCK, (_match, indent) => installText(layout, indent ?? '      ')],
    [
      'label',
      /github\.event\.label\.name == 'ai-generate'/g,
      () => `github.event.label.name == ${expressionString(trigger.label)}`,
    ],
    [
      'comment',
      /contains\(github\.event\.comment\.body, '\/fix'\)/g,
      () => `contains(github.event.comment.body, ${expressionString(trigger.fixCommand)})`,
    ],
    [
      'review',
      /startsWith\(github\.event\.review\.body, '\/fix'\)/g,
      () => `startsWith(github.event.review.body, ${expressionString(trigger.fixCommand)})`,
    ],
    [
      'ci',
      /^( {4}workflows: )\[CI\]$/gm,
      (_match, prefix) =>
        `${prefix ?? ''}[${(layout.ciWorkflows.length === 0 ? ['CI'] : layout.ciWorkflows).map(flowItem).join(', ')}]`,
    ],
  ];
  for (const [name, pattern, replace] of steps) {
    const done = substitute(text, pattern, replace);
    text = done.text;
    counts[name] = done.count;
  }
  for (const [name, expected] of Object.entries(EXPECTED[kind])) {
    if (counts[name as keyof typeof counts] !== expected)
      throw new GreenlightError(
        'internal',
        `the ${kind} workflow example no longer has the ${name} lines greenlight init adapts (found ${counts[name as keyof typeof counts]}, expected ${expected}); regenerate src/core/init/workflow-templates.ts and adapt render-workflow.ts`,
      );
  }
  parse(text); // what init writes always parses; a template or substitution that broke it throws here
  return text;
}
