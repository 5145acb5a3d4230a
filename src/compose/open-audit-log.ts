/**
 * The audit log of a job (docs/security.md §27) as a JSONL file, redacted with the secrets
 * the job's environment holds (docs/security.md §26).
 */
import { createJsonlAuditSink } from '../adapters/audit/jsonl-audit-sink.ts';
import { createRedactor, type Redactor } from '../core/redact/create-redactor.ts';
import { secretsFromEnv } from '../core/redact/secrets-from-env.ts';
import type { AuditFile } from '../ports/audit.ts';

/** The redactor for everything a job writes or posts: every secret-looking variable of `env`. */
export function jobRedactor(env: Readonly<Record<string, string | undefined>>): Redactor {
  return createRedactor({ secrets: secretsFromEnv(env) });
}

/**
 * Opens (or appends to) the audit file at `path`, mode 0600; everything written is
 * redacted with `redactor` first.
 * @example
 * const audit = openAuditLog('/repo/.git/greenlight/audit-20250101T000000Z.jsonl', jobRedactor(process.env));
 * try { await runJob({ …, audit }); } finally { audit.close(); }
 */
export function openAuditLog(path: string, redactor: Redactor): AuditFile {
  return createJsonlAuditSink({ path, redactor });
}
