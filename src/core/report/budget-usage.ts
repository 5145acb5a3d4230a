/**
 * What a run used against each of its budgets, as data: the `budgets` object of
 * `greenlight run --json` (the report's "Budgets" table says the same in markdown).
 */
import type { LoopReport } from '../loop/loop-outcome.ts';

export interface Usage {
  used: number;
  /** The budget; null when the figure has none of its own (test time counts against wall time). */
  max: number | null;
}

export interface BudgetUsage {
  rounds: Usage;
  modelCalls: Usage;
  testRuns: Usage;
  testMinutes: Usage;
  tokens: Usage;
  costUsd: Usage;
  wallMinutes: Usage;
}

const minutes = (ms: number): number => Math.round(ms / 600) / 100;

/**
 * @example
 * budgetUsage(outcome.report).testRuns // { used: 7, max: 19 }
 */
export function budgetUsage(report: LoopReport): BudgetUsage {
  const b = report.budgets;
  return {
    rounds: { used: report.iterations, max: b.maxIterations },
    modelCalls: { used: report.turns.length, max: b.maxModelCalls },
    testRuns: { used: report.testRuns, max: b.maxTestRuns },
    testMinutes: { used: minutes(report.testMs), max: null },
    tokens: { used: report.totalTokens, max: b.maxTokens },
    costUsd: { used: report.costUsd, max: b.maxCostUsd },
    wallMinutes: { used: minutes(report.wallMs), max: b.maxMinutes },
  };
}
