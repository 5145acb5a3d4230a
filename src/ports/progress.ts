/** Where the engine reports progress: a terminal, a GitHub comment, or nothing. */

export type StepName = 'understand' | 'context' | 'baseline' | 'iterations' | 'verify' | 'publish';
export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface ProgressSnapshot {
  steps: Record<StepName, { state: StepState; detail?: string }>;
  iteration: number;
  maxIterations: number;
  /** Counts of the latest test run, and which run it was. */
  tests?: TestCounts;
  tokens: number;
  costUsd: number;
}

export interface TestCounts {
  passed: number;
  failed: number;
  total: number;
  /** The round whose run these are (0: the baseline, before any change); absent when unknown. */
  round?: number;
  /** What ran: the whole suite, the tests related to the change, or tests picked by name. */
  scope?: 'full' | 'related' | 'selected';
}

export interface Progress {
  update(snapshot: ProgressSnapshot): Promise<void>;
}
