/**
 * The audit log of a job (docs/security.md §27) as a JSONL file, redacted with the secrets
 * the job's environment holds (docs/security.md §26).
 */
import { createJsonlAuditSink, type JsonlAuditSink } from '../adapters/audit/jsonl-audit-sink.ts';
import { createRedactor, type Redactor } from '../core/redact/create-redactor.ts';
import { secretsFromEnv } from '../core/redact/secrets-from-env.ts';

/** The redactor for everything a job writes or posts: every secret-looking variable of `env`. */
export function jobRedactor(env: Readonly<Record<string, string | undefined>>): Redactor {
  return createRedactor({ secrets: secretsFromEnv(env) });
}

/**
 * @example
 * const audit = openAuditLog('/repo/.git/greenlight/audit-20250101T000000Z.jsonl', process.env);
 * try { await runJob({ …, audit }); } finally { audit.close(); }
 */
export function openAuditLog(path: string, env: Readonly<Record<string, string | undefined>>): JsonlAuditSink {
  return createJsonlAuditSink({ path, redactor: jobRedactor(env) });
}
