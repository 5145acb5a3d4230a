/**
 * `npm run schema`: writes schema/greenlight.schema.json from the zod config schema,
 * then docs/configuration.md from the same schema (scripts/generate-config-docs.ts),
 * and schema/greenlight-evidence.schema.json from the evidence record's zod schema.
 * Tests regenerate them in memory and fail when the committed files differ.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderConfigJsonSchema } from '../src/core/config/config-json-schema.ts';
import { renderEvidenceJsonSchema } from '../src/core/evidence/evidence-json-schema.ts';
import { writeConfigDocs } from './generate-config-docs.ts';

/** Where the schema is committed, relative to the repository root. */
export const SCHEMA_FILE = 'schema/greenlight.schema.json';

/** The exact text schema/greenlight.schema.json must have. */
export function generateSchema(): string {
  return renderConfigJsonSchema();
}

/** Where the evidence record's schema is committed. */
export const EVIDENCE_SCHEMA_FILE = 'schema/greenlight-evidence.schema.json';

/** Writes the schema file under `root` and returns its path. */
export async function writeSchema(root: string): Promise<string> {
  return writeAt(root, SCHEMA_FILE, generateSchema());
}

/** Writes the evidence schema file under `root` and returns its path. */
export async function writeEvidenceSchema(root: string): Promise<string> {
  return writeAt(root, EVIDENCE_SCHEMA_FILE, renderEvidenceJsonSchema());
}

async function writeAt(root: string, relative: string, text: string): Promise<string> {
  const file = join(root, relative);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

if (import.meta.main) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const written = [await writeSchema(root), await writeConfigDocs(root), await writeEvidenceSchema(root)];
  for (const file of written) process.stdout.write(`wrote ${file}\n`);
}
