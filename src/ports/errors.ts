/**
 * Typed errors for real failures at a boundary. Each has a stable `code` that
 * entrypoints and tests match on, keeps its `cause`, and carries a message that tells
 * the user what to do. Expected outcomes (failing tests, refusals) are values, not
 * errors. They live with the ports because they are part of every port's contract:
 * what an adapter may throw and what the core and the surfaces catch.
 */

export type ErrorCode =
  | 'usage'
  | 'config-invalid'
  | 'config-syntax'
  | 'event-invalid'
  | 'git'
  | 'workspace-dirty'
  | 'no-test-command'
  | 'install-failed'
  | 'sandbox-unavailable'
  | 'model'
  | 'github'
  | 'bundle-invalid'
  | 'push-rejected'
  | 'audit-invalid'
  | 'replay-diverged'
  | 'internal';

export class GreenlightError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GreenlightError';
    this.code = code;
  }
}

/** True for a GreenlightError, optionally of a given code. */
export function isGreenlightError(error: unknown, code?: ErrorCode): error is GreenlightError {
  return error instanceof GreenlightError && (code === undefined || error.code === code);
}
