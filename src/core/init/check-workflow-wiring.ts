/**
 * Does the repository's workflow start greenlight the way its config expects? The
 * checks behind `greenlight init --check`, written as lines of ✓ / ✗ with the fix so
 * that `greenlight doctor` can show the same lines (its CheckLine has this shape):
 *
 * - a workflow runs the greenlight Action;
 * - it runs on the events the config's trigger needs;
 * - its job condition names the config's trigger label and fix command (a condition
 *   that names another label makes labelling an issue start nothing, silently);
 * - each job grants exactly the permissions greenlight uses in that job (docs/security.md);
 * - checkout leaves no credentials in `.git/config` (`persist-credentials: false`);
 * - a review-gate workflow keeps the `greenlight/review-gate` check current.
 */
import { parse } from 'yaml';
import type { RepoConfig } from '../config/repo-config.ts';
import { expressionString } from './render-workflow.ts';

/** ✓ fine; ✗ greenlight would not start or would hold more than it needs; ! works, worth fixing. */
export type WiringStatus = 'ok' | 'fail' | 'warn';

export interface WiringLine {
  label: string;
  status: WiringStatus;
  detail: string;
  fix?: string[];
}

export interface WorkflowFile {
  /** `.github/workflows/greenlight.yml` */
  path: string;
  text: string;
}

interface Step {
  uses?: unknown;
  with?: Record<string, unknown> | null;
}
interface Job {
  if?: unknown;
  permissions?: unknown;
  steps?: Step[];
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

type Level = 'read' | 'write';
type Permissions = Record<string, Level>;

/** What greenlight does with each scope, for the fix lines. */
const WHY: Record<string, string> = {
  contents: 'push the branch (write) or read the repository (read)',
  issues: 'reactions, the progress comment and labels',
  'pull-requests': 'open and update pull requests, request reviewers',
  checks: 'the greenlight/review-gate check',
  actions: "CI repair reads the failed run's jobs and logs",
};

interface GreenlightJob {
  path: string;
  workflow: Workflow;
  name: string;
  job: Job;
  step: Step;
  role: 'runner' | 'generate' | 'publish' | 'gate';
}

const isGreenlight = (uses: unknown) => typeof uses === 'string' && /^greenlight-bot\/greenlight@/.test(uses);

function roleOf(step: Step): GreenlightJob['role'] {
  const mode = step.with?.['mode'];
  if (mode === 'gate') return 'gate';
  if (mode === 'publish') return 'publish';
  return step.with?.['bundle_path'] === undefined ? 'runner' : 'generate';
}

function triggers(workflow: Workflow): Record<string, unknown> {
  const on = workflow.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((event) => [String(event), null]));
  return on !== null && typeof on === 'object' ? (on as Record<string, unknown>) : {};
}

function needed(role: GreenlightJob['role'], workflow: Workflow): Permissions {
  const repair: Permissions = 'workflow_run' in triggers(workflow) ? { actions: 'read' } : {};
  switch (role) {
    case 'runner':
      return { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write', ...repair };
    case 'generate':
      return { contents: 'read', issues: 'write', 'pull-requests': 'write', ...repair };
    case 'publish':
      return { contents: 'write', issues: 'write', 'pull-requests': 'write', checks: 'write' };
    case 'gate':
      return { contents: 'read', checks: 'write', 'pull-requests': 'write', issues: 'write' };
  }
}

const rank = (level: unknown) => (level === 'write' ? 2 : level === 'read' ? 1 : 0);

const show = (permissions: Permissions) =>
  Object.entries(permissions)
    .map(([scope, level]) => `${scope}: ${level}`)
    .join(', ');

function checkPermissions(found: GreenlightJob): WiringLine {
  const where = `${found.path} (job ${found.name})`;
  const want = needed(found.role, found.workflow);
  const block = `permissions: { ${show(want)} }`;
  const granted = found.job.permissions ?? found.workflow.permissions;
  if (granted === undefined)
    return {
      label: 'permissions',
      status: 'fail',
      detail: `${where} sets no permissions: the token gets the repository's default, which may be more or less than greenlight uses`,
      fix: [`add to the job: ${block}`],
    };
  if (typeof granted === 'string' || granted === null || typeof granted !== 'object')
    return {
      label: 'permissions',
      status: 'fail',
      detail: `${where} grants \`${String(granted)}\`: greenlight uses only ${show(want)}`,
      fix: [`replace it with: ${block}`],
    };
  const problems: string[] = [];
  const fix: string[] = [];
  for (const [scope, level] of Object.entries(want)) {
    const has = (granted as Record<string, unknown>)[scope];
    if (rank(has) < rank(level)) {
      problems.push(`lacks ${scope}: ${level}`);
      fix.push(`set ${scope}: ${level} (${WHY[scope] ?? scope})`);
    } else if (rank(has) > rank(level)) {
      problems.push(`grants ${scope}: ${String(has)} where greenlight needs ${level}`);
      fix.push(`set ${scope}: ${level}`);
    }
  }
  for (const [scope, level] of Object.entries(granted as Record<string, unknown>)) {
    // A dispatched run may be a CI repair (the App sends run_id), which reads the failed run.
    const dispatchedRepair =
      scope === 'actions' &&
      level === 'read' &&
      (found.role === 'runner' || found.role === 'generate') &&
      'workflow_dispatch' in triggers(found.workflow);
    if (scope in want || level === 'none' || dispatchedRepair) continue;
    problems.push(`grants ${scope}: ${String(level)}, which greenlight does not use`);
    fix.push(`remove ${scope}: ${String(level)}`);
  }
  if (problems.length === 0)
    return { label: 'permissions', status: 'ok', detail: `${where} grants what greenlight uses: ${show(want)}` };
  return { label: 'permissions', status: 'fail', detail: `${where} ${problems.join('; ')}`, fix };
}

function checkCheckout(found: GreenlightJob): WiringLine {
  const where = `${found.path} (job ${found.name})`;
  const steps = found.job.steps ?? [];
  const before = steps.slice(0, steps.indexOf(found.step));
  const checkout = before.find((s) => typeof s.uses === 'string' && s.uses.startsWith('actions/checkout@'));
  if (checkout === undefined)
    return {
      label: 'checkout',
      status: 'fail',
      detail: `${where} runs greenlight without actions/checkout before it: greenlight works on a checkout`,
      fix: ['add `- uses: actions/checkout@v4` with `fetch-depth: 0` and `persist-credentials: false` before it'],
    };
  if (checkout.with?.['persist-credentials'] === false)
    return { label: 'checkout', status: 'ok', detail: `${where} checks out with persist-credentials: false` };
  return {
    label: 'checkout',
    status: 'fail',
    detail: `${where}: actions/checkout leaves the token in .git/config, where the repository's code could read it`,
    fix: ["add `persist-credentials: false` under the checkout step's `with:`"],
  };
}

/** A literal input of the step (not an expression), which overrides the config. */
function literalInput(step: Step, name: string): string | undefined {
  const value = step.with?.[name];
  return typeof value === 'string' && !value.includes('${{') ? value : undefined;
}

const unquote = (literal: string) => literal.replace(/''/g, "'");

function checkCondition(found: GreenlightJob, trigger: RepoConfig['trigger']): WiringLine[] {
  const where = `${found.path} (job ${found.name})`;
  const on = triggers(found.workflow);
  const label = literalInput(found.step, 'trigger_label') ?? trigger.label;
  const fixCommand = literalInput(found.step, 'fix_command') ?? trigger.fixCommand;
  const lines: WiringLine[] = [];
  const missing: string[] = [];
  const fix: string[] = [];
  const hasType = (event: string, type: string) => {
    const value = on[event];
    if (value === null || value === undefined) return event in on;
    const types = (value as { types?: unknown }).types;
    return types === undefined || (Array.isArray(types) ? types.includes(type) : types === type);
  };
  if (found.role === 'runner' || found.role === 'generate') {
    const direct = 'issues' in on || 'issue_comment' in on;
    if (!direct && 'workflow_dispatch' in on) {
      lines.push({
        label: 'triggers',
        status: 'ok',
        detail: `${where} is started by workflow_dispatch only (the greenlight App dispatches it)`,
      });
    } else {
      if (!hasType('issues', 'labeled')) {
        missing.push(`issues labelled \`${label}\``);
        fix.push('add under on: `issues: { types: [labeled] }`');
      }
      if (!hasType('issue_comment', 'created')) {
        missing.push(`\`${fixCommand}\` comments`);
        fix.push('add under on: `issue_comment: { types: [created] }`');
      }
      lines.push(
        missing.length === 0
          ? { label: 'triggers', status: 'ok', detail: `${where} runs on labelled issues and new comments` }
          : { label: 'triggers', status: 'fail', detail: `${where} does not run on ${missing.join(' or ')}`, fix },
      );
    }
  }
  const condition = found.job.if;
  if (typeof condition !== 'string' || (found.role !== 'runner' && found.role !== 'generate')) return lines;
  const wrong: string[] = [];
  const literal = `'((?:[^']|'')*)'`;
  const clauses: [RegExp, string, string, string][] = [
    [new RegExp(`github\\.event\\.label\\.name == ${literal}`, 'g'), label, 'label', 'trigger.label'],
    [
      new RegExp(`contains\\(github\\.event\\.comment\\.body, ${literal}\\)`, 'g'),
      fixCommand,
      'fix command',
      'trigger.fixCommand',
    ],
    [
      new RegExp(`startsWith\\(github\\.event\\.review\\.body, ${literal}\\)`, 'g'),
      fixCommand,
      'fix command',
      'trigger.fixCommand',
    ],
  ];
  for (const [pattern, expected, what, key] of clauses) {
    for (const match of condition.matchAll(pattern)) {
      const named = unquote(match[1] ?? '');
      if (named !== expected)
        wrong.push(
          `names the ${what} ${expressionString(named)} where ${key} is ${expressionString(expected)}, so ${what === 'label' ? `labelling an issue \`${expected}\`` : `commenting \`${expected}\``} starts nothing`,
        );
    }
  }
  if (wrong.length === 0)
    return [
      ...lines,
      {
        label: 'condition',
        status: 'ok',
        detail: `${where}: the job condition agrees with trigger.label ${expressionString(label)} and trigger.fixCommand ${expressionString(fixCommand)}`,
      },
    ];
  return [
    ...lines,
    {
      label: 'condition',
      status: 'fail',
      detail: `${where}: the job condition ${wrong.join('; ')}`,
      fix: [
        'run `greenlight init --force` to write the workflow from .github/greenlight.yml again',
        `or edit jobs.${found.name}.if to name ${expressionString(label)} and ${expressionString(fixCommand)}`,
      ],
    },
  ];
}

/** The wiring lines for the workflows of a checkout and its effective config. */
export function checkWorkflowWiring(
  workflows: readonly WorkflowFile[],
  config: Pick<RepoConfig, 'trigger'>,
): WiringLine[] {
  const lines: WiringLine[] = [];
  const found: GreenlightJob[] = [];
  for (const file of workflows) {
    let workflow: Workflow;
    try {
      workflow = (parse(file.text) ?? {}) as Workflow;
    } catch (error) {
      lines.push({
        label: 'workflow',
        status: 'warn',
        detail: `${file.path} is not valid YAML (${(error as Error).message.split('\n')[0]}); GitHub will not run it`,
        fix: ['fix the file; `greenlight init --force` rewrites greenlight.yml and greenlight-gate.yml'],
      });
      continue;
    }
    for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
      for (const step of job?.steps ?? [])
        if (isGreenlight(step?.uses)) found.push({ path: file.path, workflow, name, job, step, role: roleOf(step) });
    }
  }
  const starters = found.filter((f) => f.role === 'runner' || f.role === 'generate');
  if (starters.length === 0)
    return [
      ...lines,
      {
        label: 'workflow',
        status: 'fail',
        detail:
          'no workflow in .github/workflows runs greenlight-bot/greenlight: labels and /fix comments start nothing',
        fix: ['run `greenlight init` to write .github/workflows/greenlight.yml'],
      },
    ];
  const direct = starters.filter((starter) => 'issues' in triggers(starter.workflow));
  if (direct.length > 1)
    lines.push({
      label: 'workflow',
      status: 'fail',
      detail: `${direct.map((s) => `${s.path} (job ${s.name})`).join(' and ')} all start greenlight on labelled issues: each request would run ${direct.length} times`,
      fix: ['keep one of them (greenlight init writes .github/workflows/greenlight.yml)'],
    });
  else
    for (const starter of starters)
      lines.push({ label: 'workflow', status: 'ok', detail: `${starter.path} runs greenlight (job ${starter.name})` });
  for (const starter of starters) lines.push(...checkCondition(starter, config.trigger));
  for (const job of found) lines.push(checkPermissions(job), checkCheckout(job));
  if (!found.some((f) => f.role === 'gate'))
    lines.push({
      label: 'gate workflow',
      status: 'warn',
      detail:
        'no workflow runs greenlight with mode: gate: the greenlight/review-gate check does not follow reviews and pushes',
      fix: ['run `greenlight init` to write .github/workflows/greenlight-gate.yml'],
    });
  return lines;
}
