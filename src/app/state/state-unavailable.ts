/**
 * The App's shared state (Redis) cannot be reached. A delivery that meets it is
 * answered 503 — `status` is what Probot's webhook middleware answers with — so that
 * GitHub records a failed delivery that the App's redelivery sweep asks for again once
 * the store is back, instead of a success that did nothing (docs/architecture.md,
 * "Running several App processes").
 */
export class StateUnavailableError extends Error {
  readonly code = 'state-unavailable';
  readonly status = 503;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateUnavailableError';
  }
}

/** True for an error that means "the state store is unreachable, try again later". */
export function isStateUnavailable(error: unknown): error is StateUnavailableError {
  return error instanceof StateUnavailableError;
}
