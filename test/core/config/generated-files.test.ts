import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ANY_NAME, formatFieldPath, LIST_ITEM, listConfigFields } from '../../../src/core/config/config-fields.ts';
import { CONFIG_SCHEMA_ID, configJsonSchema } from '../../../src/core/config/config-json-schema.ts';
import { parseConfig } from '../../../src/core/config/parse-config.ts';
import { RepoConfig } from '../../../src/core/config/repo-config.ts';
import { valueAtPath } from '../../../src/core/config/value-at-path.ts';
import { DOCS_FILE, EXAMPLE_CONFIG, fieldExample, renderConfigDocs } from '../../../scripts/generate-config-docs.ts';
import { generateSchema, SCHEMA_FILE } from '../../../scripts/generate-schema.ts';

const committed = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
const fields = listConfigFields(RepoConfig);
const isItem = (path: readonly string[]) => path.includes(LIST_ITEM) || path.includes(ANY_NAME);

describe('committed generated files', () => {
  it.each([
    [SCHEMA_FILE, generateSchema],
    [DOCS_FILE, renderConfigDocs],
  ])('%s matches the schema', (file, generate) => {
    const fresh = generate();
    // toBe prints a diff; the message says how to fix it.
    expect(committed(file), `${file} is stale: run npm run schema and commit the result`).toBe(fresh);
  });
});

describe('JSON Schema', () => {
  const schema = configJsonSchema();

  it('is draft-07 with an $id and a title, and ends with a newline', () => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: CONFIG_SCHEMA_ID,
      title: 'greenlight configuration',
      type: 'object',
      additionalProperties: false,
    });
    expect(generateSchema().endsWith('}\n')).toBe(true);
  });

  it('rejects unknown keys at every level, so editors flag typos too', () => {
    const open: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object' && record.properties !== undefined && record.additionalProperties !== false)
        open.push(where);
      for (const [key, value] of Object.entries(record)) visit(value, `${where}/${key}`);
    };
    visit(schema, '#');
    expect(open).toEqual([]);
  });

  it('lists the fields in declaration order and carries the defaults', () => {
    const properties = schema.properties as Record<string, { properties?: Record<string, { default?: unknown }> }>;
    expect(Object.keys(properties)).toEqual(fields.filter((f) => f.path.length === 1).map((f) => f.path[0]));
    expect(properties.budgets?.properties?.maxIterations?.default).toBe(5);
  });

  it('orders keywords the same way in every node', () => {
    const text = generateSchema();
    expect(text.indexOf('"description"')).toBeLessThan(text.indexOf('"type"'));
    expect(JSON.parse(text)).toEqual(schema);
  });
});

describe('configuration docs', () => {
  const docs = renderConfigDocs();

  it('starts with a complete example file that is valid without warnings', () => {
    expect(docs.indexOf(EXAMPLE_CONFIG.trimEnd())).toBeGreaterThan(0);
    expect(docs.indexOf(EXAMPLE_CONFIG.trimEnd())).toBeLessThan(docs.indexOf('## trigger'));
    expect(parseConfig(EXAMPLE_CONFIG)).toMatchObject({ ok: true, warnings: [] });
  });

  it('documents every field: a heading for each, a table row for list items', () => {
    const missing = fields.filter((field) => {
      const path = formatFieldPath(field.path);
      if (!isItem(field.path)) return !docs.includes(`### \`${path}\``) && !docs.includes(`## ${path}\n`);
      return !docs.includes(`| \`${field.path[field.path.length - 1] ?? ''}\` |`);
    });
    expect(missing.map((f) => formatFieldPath(f.path))).toEqual([]);
  });

  it.each(fields.filter((f) => !f.section && !isItem(f.path)).map((f) => [formatFieldPath(f.path), f] as const))(
    'the example of %s is a valid config that sets the field',
    (_path, field) => {
      const example = fieldExample(field);
      expect(example).toBeDefined();
      const result = parseConfig(example ?? '');
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(valueAtPath(result.config, field.path)).toBeDefined();
      expect(docs).toContain(example?.trimEnd());
    },
  );

  it('refuses to render a field that has neither a default nor an example', () => {
    const field = { path: ['tests', 'newThing'], schema: z.string().optional(), section: false };
    expect(() => fieldExample(field)).toThrow(
      'docs: add an example for tests.newThing to scripts/generate-config-docs.ts',
    );
  });

  it('shows the real error output for its broken sample', () => {
    expect(docs).toContain(
      '.github/greenlight.yml:2:18 budgets.maxIterations: expected an integer from 1 to 50, found "five"',
    );
  });
});
