/**
 * The audit log (docs/security.md §27): every prompt, tool call, command, exit code and
 * output excerpt of a run, one JSON object per line. Sinks redact before writing.
 */

export type AuditEvent =
  | { kind: 'run-start'; mode: string; task: string; model: string; base: string }
  | { kind: 'model-request'; turn: number; request: unknown }
  | { kind: 'model-response'; turn: number; response: unknown }
  | { kind: 'tool-call'; turn: number; name: string; input: unknown }
  | { kind: 'tool-result'; turn: number; name: string; isError: boolean; output: string }
  | { kind: 'tool-refused'; turn: number; name: string; path: string; reason: string }
  | { kind: 'command'; command: string; exitCode: number | null; timedOut: boolean; outputExcerpt: string }
  | { kind: 'note'; message: string; data?: unknown }
  | { kind: 'run-end'; outcome: string; reason?: string };

export interface AuditRecord {
  /** ISO timestamp. */
  at: string;
  event: AuditEvent;
}

export interface AuditSink {
  write(event: AuditEvent): void;
}

/** An audit log written to a file, which its opener closes when the run ends. */
export interface AuditFile extends AuditSink {
  readonly path: string;
  /** Closes the file; later writes throw. */
  close(): void;
}
