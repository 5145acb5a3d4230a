import type { AuditEvent, AuditSink } from '../../src/ports/audit.ts';

/** Keeps audit events in order, deep-copied so later mutation cannot rewrite history. */
export class MemoryAuditSink implements AuditSink {
  readonly events: AuditEvent[] = [];

  write(event: AuditEvent): void {
    this.events.push(structuredClone(event));
  }

  ofKind<K extends AuditEvent['kind']>(kind: K): Extract<AuditEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<AuditEvent, { kind: K }> => e.kind === kind);
  }
}
