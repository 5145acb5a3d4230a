/**
 * The JSON Schema of `.github/greenlight.yml`, generated from the zod schema so that
 * the type, the validation and the editor completion never drift apart.
 * scripts/generate-schema.ts writes it to schema/greenlight.schema.json; a test fails
 * when the committed file is stale.
 */
import { z } from 'zod';
import { RepoConfig } from './repo-config.ts';

/** Where the published schema lives; editors fetch it from the `$schema` comment in the file. */
export const CONFIG_SCHEMA_ID =
  'https://raw.githubusercontent.com/greenlight-bot/greenlight/main/schema/greenlight.schema.json';

/** Keywords in reading order; anything else follows alphabetically. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'default',
  'examples',
  'items',
  'propertyNames',
  'properties',
  'required',
  'additionalProperties',
];

function keywordRank(key: string): number {
  const index = KEYWORD_ORDER.indexOf(key);
  return index < 0 ? KEYWORD_ORDER.length : index;
}

/**
 * Puts every schema node's keywords in one fixed order, so the committed file only
 * changes when the schema does. `properties` keeps declaration order (it is the order
 * users read the fields in); `default` and `enum` values are data and stay as they are.
 * The evidence record's schema is ordered the same way.
 */
export function ordered(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(ordered);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).sort(
    ([a], [b]) => keywordRank(a) - keywordRank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (key === 'properties' && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, ordered(child)]));
    } else if (key === 'default' || key === 'enum' || key === 'const' || key === 'examples' || key === 'required') {
      out[key] = value;
    } else {
      out[key] = ordered(value);
    }
  }
  return out;
}

/**
 * The config's JSON Schema (input side: defaulted fields are optional). Draft-07,
 * because that is what the YAML language server behind most editors validates.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(RepoConfig, { io: 'input', target: 'draft-07' });
  return ordered({
    ...generated,
    $id: CONFIG_SCHEMA_ID,
    title: 'greenlight configuration',
    description:
      'The repository configuration of greenlight, .github/greenlight.yml. Every field is optional; an absent file means all defaults.',
  }) as Record<string, unknown>;
}

/** The schema file's exact text: two-space JSON with a trailing newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
