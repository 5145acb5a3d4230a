/**
 * The ONLY place that reads the Action's `INPUT_*` variables and the runtime's
 * standard environment. The runtime passes input `foo_bar` as
 * `INPUT_FOO_BAR` (name upper-cased, spaces → `_`, hyphens kept); an empty value
 * means "not given". Every value is checked here with zod, and a bad one is a
 * `GreenlightError('usage')` that names the input (or variable) and says what it
 * accepts, so that a typo in a workflow fails in the first second.
 *
 * Inputs that map to config fields are checked with the config's own field schemas
 * (one schema, so the Action cannot accept what the config file would refuse).
 */
import { tmpdir } from 'node:os';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { ConfigOverrides } from './apply-input-overrides.ts';
import { describeFound } from '../core/config/describe-found.ts';
import { describeSchema } from '../core/config/describe-schema.ts';
import { DEFAULT_CONFIG_PATH } from '../core/config/default-config-path.ts';
import { BudgetConfig, ModelConfig, TestConfig, TriggerConfig } from '../core/config/repo-config.ts';
import { unwrapSchema } from '../core/config/schema-at-path.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { RepoRef } from '../ports/forge.ts';

export const ACTION_MODES = ['auto', 'generate', 'fix', 'gate', 'repair', 'publish'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

/** The Action's inputs (action.yml), validated. */
export interface ActionInputs {
  anthropicApiKey: string | null;
  githubToken: string;
  mode: ActionMode;
  /** Repository-relative path of the config file, read from the default branch. */
  configPath: string;
  /** generate/fix: write a change bundle here instead of pushing; publish: the bundle to read. */
  bundlePath: string | null;
  dryRun: boolean;
  /** The App's comment to edit into the progress comment (checked before use: adoptable-comment.ts). */
  progressComment: number | null;
  overrides: ConfigOverrides;
}

/** The runtime's standard environment (what every Actions step gets). */
export interface RuntimeEnv {
  eventName: string;
  eventPath: string;
  repo: RepoRef;
  workspace: string;
  /** REST API root: `https://api.github.com`, or `https://ghe.example.com/api/v3` on GHES. */
  apiUrl: string;
  /** Web root: `https://github.com` or the GHES host. */
  serverUrl: string;
  runId: string | null;
  runAttempt: string | null;
  /** GITHUB_JOB: the job's id in the workflow (names the audit log of each job). */
  job: string | null;
  /** The workflow file this run is of (from GITHUB_WORKFLOW_REF), e.g. `.github/workflows/greenlight.yml`. */
  workflowPath: string | null;
  runnerTemp: string;
  /** File the job summary is appended to; null outside the runtime. */
  stepSummary: string | null;
  /** File step outputs are appended to; null outside the runtime. */
  outputFile: string | null;
  anthropicBaseUrl: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `INPUT_<NAME>` as the runtime spells it. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function raw(env: Env, name: string): string | null {
  const value = env[inputVariable(name)]?.trim();
  return value === undefined || value === '' ? null : value;
}

function invalid(name: string, value: string, expected: string): GreenlightError {
  return new GreenlightError(
    'usage',
    `Input '${name}' must be ${expected}, got ${describeFound(value)}. Fix it in the workflow's \`with:\` block.`,
  );
}

/** Checks an input against a schema; `expected` defaults to the schema's own description. */
function checked<T extends z.ZodType>(env: Env, name: string, schema: T, expected?: string): z.output<T> | undefined {
  const value = raw(env, name);
  if (value === null) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(name, value, expected ?? describeSchema(schema));
  return result.data;
}

/** A number input checked by a numeric config field (`"5"` → 5). */
function numeric(env: Env, name: string, field: z.core.$ZodType): number | undefined {
  const inner = unwrapSchema(field) as z.ZodNumber;
  return checked(
    env,
    name,
    z
      .string()
      .regex(/^-?(?:\d+\.?\d*|\.\d+)$/)
      .transform(Number)
      .pipe(inner),
    describeSchema(inner),
  );
}

/** YAML 1.2 core booleans, as the runtime's own toolkit accepts them. */
const BOOLEAN = z
  .enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
  .transform((v) => v.toLowerCase() === 'true');

const COMMENT_ID = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number);

const RELATIVE_PATH = z.string().refine((p) => !isAbsolute(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\0'));

/** Reads and validates the Action's inputs. */
export function readActionInputs(env: Env): ActionInputs {
  const mode = checked(env, 'mode', z.enum(ACTION_MODES)) ?? 'auto';
  // The runtime defaults github_token to the job's token; outside it, GITHUB_TOKEN works too.
  const githubToken = raw(env, 'github_token') ?? env.GITHUB_TOKEN?.trim() ?? '';
  if (githubToken === '') {
    throw new GreenlightError(
      'usage',
      "Input 'github_token' is empty. Pass `github_token: ${{ secrets.GITHUB_TOKEN }}` (or a GitHub App token) in the workflow's `with:` block.",
    );
  }
  const overrides: ConfigOverrides = {};
  const set = <K extends keyof ConfigOverrides>(key: K, value: ConfigOverrides[K] | undefined) => {
    if (value !== undefined) overrides[key] = value;
  };
  set('triggerLabel', checked(env, 'trigger_label', unwrapSchema(TriggerConfig.shape.label) as z.ZodString));
  set(
    'fixCommand',
    checked(
      env,
      'fix_command',
      unwrapSchema(TriggerConfig.shape.fixCommand) as z.ZodString,
      'a slash command such as /fix',
    ),
  );
  set('model', checked(env, 'model', unwrapSchema(ModelConfig.shape.name) as z.ZodString));
  set('maxIterations', numeric(env, 'max_iterations', BudgetConfig.shape.maxIterations));
  set('maxCostUsd', numeric(env, 'max_cost_usd', BudgetConfig.shape.maxCostUsd));
  set('testCommand', checked(env, 'test_command', unwrapSchema(TestConfig.shape.command) as z.ZodString));
  const bundlePath = raw(env, 'bundle_path');
  if (mode === 'publish' && bundlePath === null) {
    throw new GreenlightError(
      'usage',
      "Input 'bundle_path' is required with `mode: publish`: pass the path of the change bundle the generate job uploaded (after actions/download-artifact).",
    );
  }
  return {
    anthropicApiKey: raw(env, 'anthropic_api_key') ?? variable(env, 'ANTHROPIC_API_KEY'),
    githubToken,
    mode,
    configPath:
      checked(env, 'config_path', RELATIVE_PATH, 'a path inside the repository, such as .github/greenlight.yml') ??
      DEFAULT_CONFIG_PATH,
    bundlePath,
    dryRun: checked(env, 'dry_run', BOOLEAN, 'true or false') ?? false,
    progressComment: checked(env, 'progress_comment', COMMENT_ID, 'a comment id (a positive whole number)') ?? null,
    overrides,
  };
}

function variable(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

function required(env: Env, name: string): string {
  const value = variable(env, name);
  if (value === null) {
    throw new GreenlightError(
      'usage',
      `${name} is not set. greenlight runs as a step of a GitHub Actions job, which sets it; to run it elsewhere, set ${name} as the runtime would.`,
    );
  }
  return value;
}

function url(env: Env, name: string, fallback: string): string {
  const value = variable(env, name) ?? fallback;
  if (!z.url({ protocol: /^https?$/ }).safeParse(value).success) {
    throw new GreenlightError('usage', `${name} must be an http(s) URL, got ${describeFound(value)}.`);
  }
  return value.replace(/\/+$/, '');
}

/**
 * The environment the engine reads its keys from (JobOptions.env): the process's,
 * without the `INPUT_*` copies of the secrets, with the model key from the input.
 * It never reaches sandboxed code (the sandbox builds its own from an allowlist).
 */
export function engineEnvironment(env: Env, inputs: ActionInputs): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (!name.startsWith('INPUT_')) out[name] = value;
  if (inputs.anthropicApiKey !== null) out['ANTHROPIC_API_KEY'] = inputs.anthropicApiKey;
  return out;
}

/** `owner/repo/.github/workflows/ci.yml@refs/heads/main` → `.github/workflows/ci.yml`. */
function workflowPathOf(ref: string | null): string | null {
  const match = ref === null ? null : /^[^/]+\/[^/]+\/(.+?)@/.exec(ref);
  return match?.[1] ?? null;
}

/** Reads the runtime's standard environment. */
export function readRuntimeEnv(env: Env): RuntimeEnv {
  const repository = required(env, 'GITHUB_REPOSITORY');
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
  if (match === null)
    throw new GreenlightError('usage', `GITHUB_REPOSITORY must be "owner/name", got ${describeFound(repository)}.`);
  const anthropic = variable(env, 'ANTHROPIC_BASE_URL');
  return {
    eventName: required(env, 'GITHUB_EVENT_NAME'),
    eventPath: required(env, 'GITHUB_EVENT_PATH'),
    repo: { owner: match[1] ?? '', repo: match[2] ?? '' },
    workspace: required(env, 'GITHUB_WORKSPACE'),
    apiUrl: url(env, 'GITHUB_API_URL', 'https://api.github.com'),
    serverUrl: url(env, 'GITHUB_SERVER_URL', 'https://github.com'),
    runId: variable(env, 'GITHUB_RUN_ID'),
    runAttempt: variable(env, 'GITHUB_RUN_ATTEMPT'),
    job: variable(env, 'GITHUB_JOB'),
    workflowPath: workflowPathOf(variable(env, 'GITHUB_WORKFLOW_REF')),
    runnerTemp: variable(env, 'RUNNER_TEMP') ?? tmpdir(),
    stepSummary: variable(env, 'GITHUB_STEP_SUMMARY'),
    outputFile: variable(env, 'GITHUB_OUTPUT'),
    anthropicBaseUrl: anthropic === null ? null : url(env, 'ANTHROPIC_BASE_URL', anthropic),
  };
}
