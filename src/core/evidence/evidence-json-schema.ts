/**
 * The JSON Schema of the evidence record (`greenlight-evidence.json`), generated from
 * the zod schema in evidence.ts: scripts/generate-schema.ts writes it to
 * schema/greenlight-evidence.schema.json, and a test fails when the committed file is
 * stale.
 */
import { z } from 'zod';
import { ordered } from '../config/config-json-schema.ts';
import { Evidence } from './evidence.ts';

/** Where the published schema lives; every evidence file names it in `$schema`. */
export const EVIDENCE_SCHEMA_ID =
  'https://raw.githubusercontent.com/greenlight-bot/greenlight/main/schema/greenlight-evidence.schema.json';

export function evidenceJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Evidence, { io: 'output', target: 'draft-07' });
  return ordered({
    ...generated,
    $id: EVIDENCE_SCHEMA_ID,
    title: 'greenlight evidence record',
    description:
      "What greenlight's engine did for one change, built from its audit log: the commit, commands with exit codes and durations, tests before and after, reruns, the fail-before-fix check, coverage, rounds, model calls, tokens, cost, test time, the sandbox and the risk tier per file.",
  }) as Record<string, unknown>;
}

/** The schema file's exact text: two-space JSON with a trailing newline. */
export function renderEvidenceJsonSchema(): string {
  return `${JSON.stringify(evidenceJsonSchema(), null, 2)}\n`;
}
