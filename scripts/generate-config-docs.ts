/**
 * Writes docs/configuration.md from the zod config schema: a complete example file,
 * the effective defaults, how errors read, and every field with its path, type,
 * default, description and an example. Run through `npm run schema`
 * (scripts/generate-schema.ts) or alone; a test fails when the committed file is stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { z } from 'zod';
import { ANY_NAME, formatFieldPath, LIST_ITEM, listConfigFields } from '../src/core/config/config-fields.ts';
import type { ConfigField } from '../src/core/config/config-fields.ts';
import { CONFIG_SCHEMA_ID } from '../src/core/config/config-json-schema.ts';
import { describeSchema } from '../src/core/config/describe-schema.ts';
import { formatConfigIssues } from '../src/core/config/format-config-issues.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../src/core/config/parse-config.ts';
import { defaultConfig, RepoConfig } from '../src/core/config/repo-config.ts';
import { valueAtPath } from '../src/core/config/value-at-path.ts';

/** Where the docs are committed, relative to the repository root. */
export const DOCS_FILE = 'docs/configuration.md';

/** A realistic complete file; a test checks that it is valid. */
export const EXAMPLE_CONFIG = `# yaml-language-server: $schema=${CONFIG_SCHEMA_ID}
trigger:
  label: ai-generate
  fixCommand: /fix
  allowedBots: ["renovate[bot]"]
model:
  name: claude-sonnet-4-6
budgets:
  maxIterations: 6
  maxCostUsd: 3
  maxMinutes: 20
tests:
  command: npm test
  timeoutMinutes: 10
  flakinessReruns: 3
  coverage:
    required: true
    command: npx vitest run --coverage
    report: coverage/lcov.info
verify:
  requireFailBeforeFix: true
sandbox:
  env: [DATABASE_URL]
paths:
  deny:
    - .github/workflows/**
    - .github/actions/**
    - .git/**
    - "**/.env"
    - "**/.env.*"
    - secrets/**
branch:
  template: greenlight/issue-{number}-{slug}
risk:
  rules:
    - name: payments
      tier: high
      category: payments
      paths: ["src/payments/**"]
review:
  low:
    approvals: 0
    autoMerge: true
  medium:
    approvals: 1
    teams: [backend]
  critical:
    approvals: 2
    draft: true
    requireCodeOwner: true
    teams: [dba]
`;

/** A broken file whose real errors the docs show, so the sample output never goes stale. */
const BROKEN_EXAMPLE = `budgets:
  maxIterations: five
  maxToken: 100000
review:
  medium:
    reviewers: [alice]
`;

/** Examples for fields whose default says little (an empty list, an unset string). */
const EXAMPLES: Readonly<Record<string, unknown>> = {
  $schema: '../schema/greenlight.schema.json',
  'trigger.allowedBots': ['renovate[bot]', 'dependabot[bot]'],
  'model.provider': 'openai-compatible',
  'model.baseUrl': 'http://localhost:11434/v1',
  'model.region': 'us-east-1',
  'model.project': 'my-gcp-project',
  'model.prices': { 'my-local-model': { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 } },
  'budgets.maxIterations': 8,
  'budgets.maxCostUsd': 2.5,
  'context.exclude': ['fixtures/large/**', '**/*.min.js'],
  'tests.command': 'npm test',
  'tests.installCommand': 'npm ci',
  'tests.coverage.required': true,
  'tests.coverage.command': 'npx vitest run --coverage',
  'tests.coverage.report': 'coverage/lcov.info',
  'tests.coverage.minDeltaPercent': 1,
  'verify.requireFailBeforeFix': true,
  'verify.bugLabels': ['bug', 'regression'],
  'sandbox.env': ['DATABASE_URL'],
  'sandbox.networkAllowlist': ['postgres.internal'],
  'paths.allow': ['src/**', 'test/**'],
  'paths.deny': [...defaultConfig().paths.deny, 'secrets/**'],
  'risk.rules': [
    { name: 'payments', tier: 'high', category: 'payments', paths: ['src/payments/**'], content: ['stripe\\.'] },
  ],
  'risk.overrides': [{ rule: 'sql-ddl', tier: 'high', reason: 'SQL under db/fixtures/ is test data, never applied.' }],
};

/** Examples by the field's own key, for fields repeated in every review tier. */
const EXAMPLES_BY_KEY: Readonly<Record<string, unknown>> = {
  reviewers: ['alice'],
  teams: ['platform'],
};

interface FieldFacts {
  description: string | undefined;
  ownDefault: boolean;
  optional: boolean;
  defaultValue: unknown;
}

function isItemField(field: ConfigField): boolean {
  return field.path.includes(LIST_ITEM) || field.path.includes(ANY_NAME);
}

/** Description, default and optionality, read through the field's wrappers. */
function factsOf(field: ConfigField): FieldFacts {
  let description: string | undefined;
  let ownDefault = false;
  let optional = false;
  let zodDefault: unknown;
  let current: z.core.$ZodType = field.schema;
  for (;;) {
    description ??= z.globalRegistry.get(current)?.description;
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      ownDefault = true;
      zodDefault ??= current._zod.def.defaultValue;
    } else if (current instanceof z.ZodOptional) {
      optional = true;
    } else {
      break;
    }
    current = current.unwrap();
  }
  const defaultValue = isItemField(field) ? zodDefault : valueAtPath(defaultConfig(), field.path);
  return { description, ownDefault, optional, defaultValue };
}

function inline(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function defaultText(field: ConfigField, facts: FieldFacts): string {
  if (facts.defaultValue !== undefined && !facts.ownDefault) {
    const parent = formatFieldPath(field.path.slice(0, -1));
    return `${inline(facts.defaultValue)} (required when you write \`${parent}\`)`;
  }
  if (facts.defaultValue !== undefined) return inline(facts.defaultValue);
  return facts.optional ? 'unset' : 'none (required)';
}

/** A config fragment setting `value` at a plain path. */
function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/**
 * The example snippet of a field, or undefined for item fields (their list's example
 * shows them) and sections. Throws for a field with neither default nor example, so a
 * new field cannot ship undocumented.
 */
export function fieldExample(field: ConfigField): string | undefined {
  if (field.section || isItemField(field)) return undefined;
  const key = formatFieldPath(field.path);
  const last = field.path[field.path.length - 1] ?? '';
  const value = EXAMPLES[key] ?? EXAMPLES_BY_KEY[last] ?? factsOf(field).defaultValue;
  if (value === undefined) throw new Error(`docs: add an example for ${key} to scripts/generate-config-docs.ts`);
  return stringify(nest(field.path.slice(0, -1), { ...requiredSiblings(field), [last]: value }));
}

/**
 * Fields next to `field` that a snippet must repeat to be valid on its own: required
 * ones whose built-in value comes from the section default (`approvals` in a review tier).
 */
function requiredSiblings(field: ConfigField): Record<string, unknown> {
  const parent = field.path.slice(0, -1);
  const siblings: Record<string, unknown> = {};
  for (const sibling of listConfigFields(RepoConfig)) {
    const key = sibling.path[sibling.path.length - 1] ?? '';
    if (sibling.path.length !== field.path.length || !parent.every((s, i) => sibling.path[i] === s)) continue;
    const facts = factsOf(sibling);
    if (
      key !== field.path[field.path.length - 1] &&
      !facts.ownDefault &&
      !facts.optional &&
      facts.defaultValue !== undefined
    )
      siblings[key] = facts.defaultValue;
  }
  return siblings;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The fields of a list item or named entry, as one table under the list's entry. */
function renderItemTable(field: ConfigField, fields: readonly ConfigField[]): string[] {
  const depth = field.path.length + 1;
  const items = fields.filter(
    (f) =>
      f.path.length === depth + 1 &&
      field.path.every((s, i) => f.path[i] === s) &&
      (f.path[depth - 1] === LIST_ITEM || f.path[depth - 1] === ANY_NAME),
  );
  if (items.length === 0) return [];
  const marker = items[0]?.path[depth - 1] === ANY_NAME ? `Each \`${ANY_NAME}\` entry` : 'Each item';
  return [
    `${marker} has these fields:`,
    '',
    '| field | type | default | description |',
    '| --- | --- | --- | --- |',
    ...items.map((item) => {
      const facts = factsOf(item);
      const key = item.path[item.path.length - 1] ?? '';
      return `| \`${key}\` | ${cell(describeSchema(item.schema))} | ${cell(defaultText(item, facts))} | ${cell(facts.description ?? '')} |`;
    }),
    '',
  ];
}

function renderField(field: ConfigField, fields: readonly ConfigField[]): string {
  const facts = factsOf(field);
  const path = formatFieldPath(field.path);
  const lines = [`### \`${path}\``, ''];
  if (facts.description !== undefined) lines.push(facts.description, '');
  if (field.section) {
    lines.push('A mapping; its fields follow.', '');
    return lines.join('\n');
  }
  lines.push(`- Type: ${describeSchema(field.schema)}`, `- Default: ${defaultText(field, facts)}`, '');
  lines.push(...renderItemTable(field, fields));
  const example = fieldExample(field);
  if (example !== undefined) lines.push('```yaml', example.trimEnd(), '```', '');
  return lines.join('\n');
}

function renderSection(top: ConfigField, fields: readonly ConfigField[]): string {
  const facts = factsOf(top);
  const name = top.path[0] ?? '';
  const head = [`## ${name}`, ''];
  if (facts.description !== undefined) head.push(facts.description, '');
  const body = fields
    .filter((f) => f.path[0] === name && f.path.length > 1 && !isItemField(f))
    .map((f) => renderField(f, fields));
  return [...head, ...body].join('\n');
}

/** The exact text docs/configuration.md must have. */
export function renderConfigDocs(): string {
  const fields = listConfigFields(RepoConfig);
  const topLevel = fields.filter((f) => f.path.length === 1);
  const broken = parseConfig(BROKEN_EXAMPLE);
  const errorSample = broken.ok ? '' : formatConfigIssues(broken.errors);
  const sections = topLevel.map((top) => (top.section ? renderSection(top, fields) : renderField(top, fields)));
  return (
    [
      '# Configuration',
      '',
      '<!-- Generated by `npm run schema` from src/core/config/repo-config.ts. Do not edit by hand. -->',
      '',
      `greenlight reads \`${DEFAULT_CONFIG_PATH}\` from the repository's default branch, never from a`,
      "pull request's head. The file is optional and so is every field: an absent file means all",
      'defaults. Unknown keys are errors, so a typo is reported instead of silently ignored.',
      '',
      "Editors that use the YAML language server (VS Code with Red Hat's YAML extension, for",
      'example) complete and check the file when its first line points at the schema, as in the',
      `example below. The schema is \`schema/greenlight.schema.json\` in the greenlight package.`,
      '',
      '## Example',
      '',
      '```yaml',
      EXAMPLE_CONFIG.trimEnd(),
      '```',
      '',
      '## Checking a file',
      '',
      '`greenlight config` validates `.github/greenlight.yml` in the current directory (or',
      '`--file PATH`) and prints the effective configuration, as YAML or with `--json` as JSON.',
      'An invalid file exits with status 2 and one line per problem, naming the file, line,',
      'column and field, what was expected and what was found. For this file:',
      '',
      '```yaml',
      BROKEN_EXAMPLE.trimEnd(),
      '```',
      '',
      'it prints:',
      '',
      '```text',
      errorSample,
      '```',
      '',
      'A run with an invalid file does not start; the pull request or issue gets the same',
      'messages as a comment.',
      '',
      '## Defaults',
      '',
      'The effective configuration of an empty or absent file:',
      '',
      '```yaml',
      stringify(defaultConfig()).trimEnd(),
      '```',
      '',
      ...sections,
    ]
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** Writes the docs file under `root` and returns its path. */
export async function writeConfigDocs(root: string): Promise<string> {
  const file = join(root, DOCS_FILE);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderConfigDocs());
  return file;
}

if (import.meta.main) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stdout.write(`wrote ${await writeConfigDocs(root)}\n`);
}
