/** Reads an audit JSONL file back into records (for replays, reports and tests). */
import { readFile } from 'node:fs/promises';
import type { AuditRecord } from '../../ports/audit.ts';
import { GreenlightError } from '../../ports/errors.ts';

export interface AuditLog {
  records: AuditRecord[];
  /** The last line was cut off (the writer crashed mid-record) and was skipped. */
  truncatedTail: boolean;
}

/** Reads and parses the audit file at `path`. */
export async function readAuditLog(path: string): Promise<AuditLog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GreenlightError('audit-invalid', `Cannot read the audit log ${path}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  return parseAuditLog(text, path);
}

/** Parses audit JSONL text; every line must be an `{at, event: {kind}}` record. */
export function parseAuditLog(text: string, source = 'the audit log'): AuditLog {
  const lines = text.split('\n');
  const records: AuditRecord[] = [];
  let truncatedTail = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const isLast = index === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      // Only an unterminated last line can be a crash mid-write.
      if (isLast) {
        truncatedTail = true;
        return;
      }
      throw new GreenlightError(
        'audit-invalid',
        `Line ${index + 1} of ${source} is not valid JSON (${(error as Error).message}).`,
        { cause: error },
      );
    }
    if (!isRecord(value)) {
      throw new GreenlightError(
        'audit-invalid',
        `Line ${index + 1} of ${source} is not an audit record: expected {"at": "<ISO time>", "event": {"kind": …}}.`,
      );
    }
    records.push(value);
  });
  return { records, truncatedTail };
}

function isRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { at, event } = value as { at?: unknown; event?: unknown };
  return (
    typeof at === 'string' &&
    typeof event === 'object' &&
    event !== null &&
    typeof (event as { kind?: unknown }).kind === 'string'
  );
}
