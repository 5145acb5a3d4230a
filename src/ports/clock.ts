/** Time, injected so that the core's budgets and durations are testable. */
export interface Clock {
  now(): number;
}
