/**
 * The repository configuration, `.github/greenlight.yml`. One zod schema is the
 * TypeScript type, the runtime validation and (via scripts/generate-schema.ts) the
 * JSON Schema users get for editor completion. Every field has a default: an absent
 * file means all defaults. Objects are strict so that a typo is an error, not a no-op.
 */
import { z } from 'zod';
import { RISK_TIERS } from '../risk/tier.ts';

const Tier = z.enum(RISK_TIERS);

export const TriggerConfig = z.strictObject({
  label: z.string().min(1).default('ai-generate').describe('Issue label that starts a generate run.'),
  fixCommand: z
    .string()
    .regex(/^\/\S+$/, 'a slash command such as /fix')
    .default('/fix')
    .describe('Pull-request comment prefix that starts a fix run; the rest of the comment is the instruction.'),
  allowedBots: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Bot logins (e.g. "renovate[bot]") allowed to trigger runs. Bots are ignored otherwise; greenlight never reacts to itself.',
    ),
  fixOnChangesRequested: z
    .boolean()
    .default(true)
    .describe(
      'A review that requests changes on a greenlight pull request starts a fix run for all of its comments. A review whose body starts with the fix command does so either way.',
    ),
});

export const ModelPrice = z.strictObject({
  input: z.number().nonnegative().describe('USD per million input tokens.'),
  output: z.number().nonnegative().describe('USD per million output tokens.'),
  cacheWrite: z.number().nonnegative().describe('USD per million cache-write tokens.'),
  cacheRead: z.number().nonnegative().describe('USD per million cache-read tokens.'),
});

export const ModelConfig = z.strictObject({
  provider: z
    .enum(['anthropic', 'openai-compatible', 'bedrock', 'vertex'])
    .default('anthropic')
    .describe(
      "Model provider: the Anthropic API, Claude on Amazon Bedrock or Google Vertex AI (credentials from the cloud's standard environment), or an OpenAI-compatible endpoint for local models (Ollama, vLLM).",
    ),
  name: z.string().min(1).default('claude-sonnet-4-6').describe('Model id sent to the provider.'),
  baseUrl: z
    .string()
    .url()
    .optional()
    .describe(
      "Provider endpoint. When unset: ANTHROPIC_BASE_URL (anthropic), ANTHROPIC_BEDROCK_BASE_URL (bedrock), ANTHROPIC_VERTEX_BASE_URL (vertex), OPENAI_BASE_URL (openai-compatible), else the provider's public endpoint.",
    ),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'a region name such as us-east-1, us-east5 or global')
    .optional()
    .describe(
      'bedrock: the AWS region (else AWS_REGION, then AWS_DEFAULT_REGION). vertex: the Google Cloud location, such as us-east5 or global (else CLOUD_ML_REGION).',
    ),
  project: z
    .string()
    .min(1)
    .optional()
    .describe(
      "vertex: the Google Cloud project (else ANTHROPIC_VERTEX_PROJECT_ID, then GOOGLE_CLOUD_PROJECT, then the credentials' own project).",
    ),
  maxOutputTokens: z.number().int().min(256).max(128_000).default(16_000).describe('Output tokens per model turn.'),
  prices: z
    .record(z.string(), ModelPrice)
    .default({})
    .describe('Extra or overriding prices per model id, for models the built-in price table does not know.'),
});

export const BudgetConfig = z.strictObject({
  maxIterations: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(5)
    .describe(
      'Generate/test rounds before giving up. Unless set on their own, maxModelCalls and maxTestRuns follow from it.',
    ),
  maxModelCalls: z
    .number()
    .int()
    .min(1)
    .max(1_000)
    .optional()
    .describe(
      'Model calls in the whole run, every tool-use turn included. Default: 10 per round (maxIterations × 10).',
    ),
  maxTestRuns: z
    .number()
    .int()
    .min(2)
    .max(1_000)
    .optional()
    .describe(
      "Test-suite runs in the whole run: the baseline, the engine's own runs, verification reruns, the fail-before-fix run, the run on a fresh checkout of the change and the model's run_tests calls. Default: 1 + 3 per round + tests.flakinessReruns.",
    ),
  maxTokens: z.number().int().min(1_000).default(2_000_000).describe('Total model tokens (input + output) per run.'),
  maxCostUsd: z
    .number()
    .positive()
    .default(5)
    .describe('Spend ceiling per run in US dollars; the run stops before exceeding it.'),
  maxMinutes: z.number().positive().default(30).describe('Wall-clock ceiling per run.'),
});

export const ContextConfig = z.strictObject({
  maxTokens: z.number().int().min(1_000).default(40_000).describe('Token budget for repository context in the prompt.'),
  maxFileBytes: z.number().int().min(1_000).default(512_000).describe('Files larger than this are never indexed.'),
  exclude: z.array(z.string()).default([]).describe('Extra glob patterns never shown to the model.'),
});

export const CoverageConfig = z.strictObject({
  required: z.boolean().default(false).describe('New tests must raise line coverage of the files they target.'),
  command: z
    .string()
    .min(1)
    .optional()
    .describe('Test command that writes a coverage report; required when coverage.required is true.'),
  report: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Path, inside the repository, of the lcov, coverage-summary.json or cobertura report the command writes; required when coverage.required is true.',
    ),
  minDeltaPercent: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .describe('Minimum rise in line coverage, in percentage points.'),
});

export const TestConfig = z.strictObject({
  command: z
    .string()
    .min(1)
    .optional()
    .describe('Test command; detected from the project when unset. When set, it always wins over detection.'),
  directory: z
    .string()
    .min(1)
    .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$)).*$/, 'a path inside the repository, without ..')
    .optional()
    .describe(
      'Directory, relative to the repository root, that tests.command and tests.installCommand run in (a package of a monorepo, a backend/ folder). Default: the root.',
    ),
  allowNoTests: z
    .boolean()
    .default(false)
    .describe(
      'Accept a baseline that collects no tests (a project whose first tests greenlight writes). Otherwise such a run stops before the first model call.',
    ),
  installCommand: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Dependency installation run with network on, before any generated code exists. Usually the workflow installs instead.',
    ),
  timeoutMinutes: z.number().positive().default(15).describe('Limit for one full test-suite run.'),
  installTimeoutMinutes: z.number().positive().default(15).describe('Limit for the install command.'),
  flakinessReruns: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(3)
    .describe('Every new or changed test must pass this many reruns.'),
  onFlaky: z.enum(['drop', 'fail']).default('drop').describe('What to do with a generated test that fails a rerun.'),
  coverage: CoverageConfig.prefault({}).describe('Optional coverage requirement for generated tests.'),
  dependencies: z
    .array(z.string().min(1))
    .default([
      'node_modules',
      '.venv',
      'venv',
      'vendor',
      'bower_components',
      '.pnp.cjs',
      '.pnp.loader.mjs',
      '.yarn/unplugged',
    ])
    .describe(
      "Globs of ignored paths (installed dependencies, files the workflow generated) that the run's checkout and the fresh checkout that verifies a change share, read-only. Every other ignored file stays out of both.",
    ),
});

export const VerifyConfig = z.strictObject({
  requireFailBeforeFix: z
    .boolean()
    .default(false)
    .describe(
      "A fix (a /fix, or an issue with one of bugLabels) must add or change a test that fails on the base, with the change's non-test files reverted, and passes with the change; otherwise verification fails and the model is told why. Fixes of review comments and CI repairs are checked and reported but never refused for it. Recommended for bug reports.",
    ),
  bugLabels: z
    .array(z.string().min(1))
    .default(['bug'])
    .describe(
      "Issue labels (any case) that make a generate run a bug fix: its new tests are then expected to fail on the base, as a /fix's are. Other generate runs write tests for existing code, which are expected to pass there.",
    ),
});

export const SandboxConfig = z.strictObject({
  driver: z
    .enum(['auto', 'bwrap', 'systemd-run', 'none'])
    .default('auto')
    .describe(
      'auto picks bwrap or systemd-run where they work; none must be chosen explicitly and is reported as a warning.',
    ),
  memoryMb: z.number().int().min(128).default(4096).describe('Memory limit per command.'),
  maxPids: z.number().int().min(16).default(1024).describe('Process/thread limit per command.'),
  maxDiskMb: z
    .number()
    .int()
    .min(16)
    .default(2048)
    .describe(
      'Megabytes one command may write: in the workspace, in its private /tmp and HOME, and in any single file. Past it the command is stopped and the report names this limit.',
    ),
  maxFiles: z
    .number()
    .int()
    .min(100)
    .default(20_000)
    .describe(
      'Files and directories one command may create or change in the workspace; past it the command is stopped.',
    ),
  maxOutputBytes: z
    .number()
    .int()
    .min(10_000)
    .default(4_000_000)
    .describe('Output kept per stream; the middle is cut.'),
  env: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'))
    .default([])
    .describe('Names of extra environment variables passed to tests. Everything else is withheld.'),
  networkAllowlist: z
    .array(z.string())
    .default([])
    .describe(
      'Hosts reachable while tests run. Only honoured by drivers that can enforce it; otherwise the run refuses.',
    ),
});

export const PathsConfig = z.strictObject({
  allow: z.array(z.string()).default(['**']).describe('Globs of files the model may edit.'),
  deny: z
    .array(z.string())
    .default(['.github/workflows/**', '.github/actions/**', '.git/**', '**/.env', '**/.env.*'])
    .describe('Globs of files the model may never read or edit; wins over allow.'),
});

export const BranchConfig = z.strictObject({
  template: z
    .string()
    .min(1)
    .default('greenlight/issue-{number}-{slug}')
    .describe('Branch name for generate runs. Placeholders: {number}, {slug}, {run}.'),
});

export const CommitConfig = z.strictObject({
  authorName: z.string().min(1).default('greenlight[bot]').describe('Commit author name.'),
  authorEmail: z.string().min(1).default('greenlight[bot]@users.noreply.github.com').describe('Commit author email.'),
});

export const RiskRule = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case rule name')
    .describe('Rule name, shown in reports.'),
  tier: Tier.describe('Tier of files this rule matches.'),
  category: z.string().min(1).default('custom').describe('Category shown in reports.'),
  paths: z.array(z.string()).default([]).describe('Globs matched against changed paths.'),
  content: z.array(z.string()).default([]).describe('Regular expressions matched against added lines.'),
});

export const RiskOverride = z.strictObject({
  rule: z.string().min(1).describe('Name of the built-in rule to change.'),
  tier: Tier.describe('Tier to use instead.'),
  reason: z.string().min(10).describe('Why; echoed in every report that the override affects.'),
});

export const RiskConfig = z.strictObject({
  rules: z.array(RiskRule).default([]).describe("Extra rules. They can only raise a file's tier."),
  overrides: z
    .array(RiskOverride)
    .default([])
    .describe('Named changes to built-in rules. Lowering a built-in rule is only possible here and is reported.'),
});

interface TierDefaults {
  approvals: number;
  draft?: boolean;
  requireCodeOwner?: boolean;
  spotCheckPercent?: number;
}

/**
 * One tier's review requirements. Every field defaults per tier, so writing
 * `review.medium: { reviewers: [alice] }` keeps medium's one required approval.
 */
function tierReview(defaults: TierDefaults) {
  return z
    .strictObject({
      approvals: z
        .number()
        .int()
        .min(0)
        .max(10)
        .default(defaults.approvals)
        .describe('Approvals on the latest commit, from humans with write access other than the requester.'),
      reviewers: z.array(z.string()).default([]).describe('Users asked to review.'),
      teams: z.array(z.string()).default([]).describe('Teams (slugs) asked to review.'),
      draft: z
        .boolean()
        .default(defaults.draft ?? false)
        .describe('Open the pull request as a draft.'),
      autoMerge: z.boolean().default(false).describe('Enable auto-merge (only honoured for low).'),
      requireCodeOwner: z
        .boolean()
        .default(defaults.requireCodeOwner ?? false)
        .describe('One approval must come from a code owner of a changed file.'),
      spotCheckPercent: z
        .number()
        .min(0)
        .max(100)
        .default(defaults.spotCheckPercent ?? 0)
        .describe('Share of pull requests (chosen deterministically) that need one approval even when approvals is 0.'),
    })
    .prefault({});
}

/** The shape of every tier's review section (defaults here are low's). */
export const TierReview = tierReview({ approvals: 0 });

export const ReviewConfig = z.strictObject({
  low: tierReview({ approvals: 0 }).describe('Review of low-tier changes: tests only, docs.'),
  'low-medium': tierReview({ approvals: 0, spotCheckPercent: 20 }).describe(
    'Review of low-medium changes: data transformations without I/O.',
  ),
  medium: tierReview({ approvals: 1 }).describe(
    'Review of medium changes: API endpoints, database queries, other source.',
  ),
  high: tierReview({ approvals: 2, draft: true }).describe(
    'Review of high changes: infrastructure, CI config, manifests, agent instruction files.',
  ),
  critical: tierReview({ approvals: 2, draft: true, requireCodeOwner: true }).describe(
    'Review of critical changes: migrations and workflows, which the bot never executes.',
  ),
});

export const GateConfig = z.strictObject({
  excludePushers: z
    .boolean()
    .default(true)
    .describe(
      "Approvals count only from people who did not push to the pull request's branch: anyone whose commits (other than greenlight's) are in base..head, and whoever pushed the latest commit.",
    ),
  requestCodeOwners: z
    .boolean()
    .default(true)
    .describe(
      'Ask the code owners of the changed files (CODEOWNERS on the default branch) to review when the tier needs approvals, besides review.<tier>.reviewers and teams.',
    ),
});

export const PublishConfig = z.strictObject({
  maxFiles: z
    .number()
    .int()
    .min(1)
    .default(200)
    .describe('Most files a change may touch; a larger change is not pushed.'),
  maxBytes: z
    .number()
    .int()
    .min(1_000)
    .default(5_000_000)
    .describe('Most bytes the changed files may hold together (new content); a larger change is not pushed.'),
  maxFileBytes: z
    .number()
    .int()
    .min(1_000)
    .default(1_000_000)
    .describe('Largest single file a change may hold; a change with a larger one is not pushed.'),
});

export const RepairConfig = z.strictObject({
  maxAttempts: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe(
      'Repair commits per pull request after failed CI runs (counted from their Greenlight-Repair trailers); then a human is asked. 0 turns CI repair off.',
    ),
});

export const FleetConfig = z.strictObject({
  maxConcurrentRuns: z.number().int().min(1).default(2).describe('Runs at once per repository (App).'),
  maxRunsPerHour: z.number().int().min(1).default(20).describe('Runs started per hour per repository (App).'),
  overLimit: z.enum(['queue', 'refuse']).default('queue').describe('What the App does with a request over a limit.'),
});

export const RepoConfig = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  trigger: TriggerConfig.prefault({}).describe(
    'What starts a run: the issue label, the pull-request command, allowlisted bots.',
  ),
  model: ModelConfig.prefault({}).describe('Which model generates the change, and its prices.'),
  budgets: BudgetConfig.prefault({}).describe('Limits per run; a run stops when any is spent (fail closed).'),
  context: ContextConfig.prefault({}).describe('Repository context given to the model.'),
  tests: TestConfig.prefault({}).describe("How the project's tests run and what counts as passing."),
  verify: VerifyConfig.prefault({}).describe(
    "What verification proves beyond a green suite: that a fix's new tests fail without it.",
  ),
  sandbox: SandboxConfig.prefault({}).describe('Isolation of generated code while tests run.'),
  paths: PathsConfig.prefault({}).describe('Files the model may edit.'),
  branch: BranchConfig.prefault({}).describe('Branch names of generate runs.'),
  commit: CommitConfig.prefault({}).describe('Author of the commits greenlight makes.'),
  risk: RiskConfig.prefault({}).describe('Risk classification of changes, on top of the built-in rules.'),
  review: ReviewConfig.prefault({}).describe(
    'Review requirements per risk tier, enforced by the greenlight/review-gate check.',
  ),
  gate: GateConfig.prefault({}).describe(
    'Who the greenlight/review-gate check counts and whom it asks to review, on top of review.<tier>.',
  ),
  repair: RepairConfig.prefault({}).describe('CI repair: what greenlight does when CI fails on its own pull request.'),
  fleet: FleetConfig.prefault({}).describe('Rate limits the GitHub App applies per repository.'),
  publish: PublishConfig.prefault({}).describe(
    'Size limits of a change, checked before anything is pushed or kept on a branch.',
  ),
});

export type RepoConfig = z.infer<typeof RepoConfig>;
export type RepoConfigInput = z.input<typeof RepoConfig>;
export type RiskRule = z.infer<typeof RiskRule>;
export type RiskOverride = z.infer<typeof RiskOverride>;
export type TierReview = z.infer<typeof TierReview>;
export type GateConfig = z.infer<typeof GateConfig>;
export type PublishConfig = z.infer<typeof PublishConfig>;
export type VerifyConfig = z.infer<typeof VerifyConfig>;

/** The configuration used when the repository has no `.github/greenlight.yml`. */
export function defaultConfig(): RepoConfig {
  return RepoConfig.parse({});
}
