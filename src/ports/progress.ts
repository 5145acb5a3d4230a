/** Where the engine reports progress: a terminal, a GitHub comment, or nothing. */

export type StepName = 'understand' | 'context' | 'baseline' | 'iterations' | 'verify' | 'publish';
export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface ProgressSnapshot {
  steps: Record<StepName, { state: StepState; detail?: string }>;
  iteration: number;
  maxIterations: number;
  tests?: { passed: number; failed: number; total: number };
  tokens: number;
  costUsd: number;
}

export interface Progress {
  update(snapshot: ProgressSnapshot): Promise<void>;
}
