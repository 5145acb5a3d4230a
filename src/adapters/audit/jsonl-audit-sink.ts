/**
 * The audit log as a JSONL file (docs/security.md §27): one `{at, event}` record per line,
 * redacted before it is written. Each record is appended with a synchronous write,
 * so a crash loses at most the record being written; the reader tolerates that
 * half line.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEvent, AuditFile, AuditRecord } from '../../ports/audit.ts';
import type { Redactor } from '../../core/redact/create-redactor.ts';
import { GreenlightError } from '../../ports/errors.ts';

export interface JsonlAuditSinkOptions {
  path: string;
  redactor: Redactor;
  now?: () => Date;
}

/**
 * Opens (or appends to) the audit file. The file is created with mode 0600: it holds
 * prompts and repository content.
 * @example
 * const audit = createJsonlAuditSink({ path: 'greenlight-audit.jsonl', redactor });
 * audit.write({ kind: 'note', message: 'baseline done' });
 */
export function createJsonlAuditSink(options: JsonlAuditSinkOptions): AuditFile {
  const now = options.now ?? (() => new Date());
  let fd: number | undefined;
  try {
    mkdirSync(dirname(options.path), { recursive: true });
    fd = openSync(options.path, 'a', 0o600);
  } catch (error) {
    throw new GreenlightError(
      'audit-invalid',
      `Cannot open the audit log ${options.path}: ${(error as Error).message}. Choose a writable path.`,
      { cause: error },
    );
  }
  return {
    path: options.path,
    write(event: AuditEvent): void {
      if (fd === undefined) {
        throw new GreenlightError('internal', `The audit log ${options.path} is already closed.`);
      }
      const record: AuditRecord = { at: now().toISOString(), event: options.redactor.redactDeep(event) };
      try {
        writeSync(fd, `${JSON.stringify(record)}\n`);
      } catch (error) {
        // A run whose audit trail cannot be written must not carry on silently.
        throw new GreenlightError(
          'audit-invalid',
          `Cannot write the audit log ${options.path}: ${(error as Error).message}.`,
          { cause: error },
        );
      }
    },
    close(): void {
      if (fd !== undefined) {
        closeSync(fd);
        fd = undefined;
      }
    },
  };
}
