/**
 * The budgets a run is held to, with the ones the config leaves unset filled in from
 * `budgets.maxIterations`, so that "2 rounds" also means about 20 model calls and 10
 * test runs, not whatever 2 unbounded rounds can hold (README "Budgets fail closed").
 */
import type { RepoConfig } from '../config/repo-config.ts';

/** Model calls per round when `budgets.maxModelCalls` is unset. */
export const MODEL_CALLS_PER_ROUND = 10;
/**
 * Test runs per round when `budgets.maxTestRuns` is unset: the engine's related and
 * full runs, and one `run_tests` of the model's.
 */
export const TEST_RUNS_PER_ROUND = 3;

export interface EffectiveBudgets {
  maxIterations: number;
  maxModelCalls: number;
  maxTestRuns: number;
  maxTokens: number;
  maxCostUsd: number;
  maxMinutes: number;
  /** Which of the counts were derived from `maxIterations` (not set in the config). */
  derived: { maxModelCalls: boolean; maxTestRuns: boolean };
}

/**
 * @example
 * effectiveBudgets(RepoConfig.parse({ budgets: { maxIterations: 2 } }))
 * // { maxIterations: 2, maxModelCalls: 20, maxTestRuns: 10, … } (1 + 2 × 3 + 3 reruns)
 */
export function effectiveBudgets(config: Pick<RepoConfig, 'budgets' | 'tests'>): EffectiveBudgets {
  const b = config.budgets;
  return {
    maxIterations: b.maxIterations,
    maxModelCalls: b.maxModelCalls ?? MODEL_CALLS_PER_ROUND * b.maxIterations,
    maxTestRuns: b.maxTestRuns ?? 1 + TEST_RUNS_PER_ROUND * b.maxIterations + config.tests.flakinessReruns,
    maxTokens: b.maxTokens,
    maxCostUsd: b.maxCostUsd,
    maxMinutes: b.maxMinutes,
    derived: { maxModelCalls: b.maxModelCalls === undefined, maxTestRuns: b.maxTestRuns === undefined },
  };
}
