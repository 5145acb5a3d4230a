/**
 * Budgets fail closed: before each model call the engine asks whether the WORST CASE
 * of that call (every input token billed at the dearer of the input and cache-write
 * prices, plus the full output allowance) could take the run past a budget, and does
 * not make the call if so. Wall time is checked before every model call and test run.
 */
import type { ModelUsage } from '../../ports/model.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { StopReason } from './loop-outcome.ts';

export interface BudgetState {
  /** Tokens used so far (input + cache write + cache read + output). */
  tokens: number;
  costUsd: number;
  elapsedMs: number;
}

const zero: ModelUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };

/**
 * Worst-case price of one call with `inputTokens` in and `maxOutputTokens` out, priced
 * as ONE usage (prices can step up with the prompt size) with the input billed both
 * as plain input and as cache writes, whichever is dearer.
 */
export function worstCaseCallCost(
  costOf: (u: ModelUsage) => number,
  inputTokens: number,
  maxOutputTokens: number,
): number {
  const plain = costOf({ ...zero, inputTokens, outputTokens: maxOutputTokens });
  const written = costOf({ ...zero, cacheWriteTokens: inputTokens, outputTokens: maxOutputTokens });
  return Number.isNaN(plain) || Number.isNaN(written) ? Number.NaN : Math.max(plain, written);
}

/** Null when time remains, else the time-budget stop. */
export function checkTimeBudget(budgets: RepoConfig['budgets'], elapsedMs: number): StopReason | null {
  const limitMs = budgets.maxMinutes * 60_000;
  if (elapsedMs < limitMs) return null;
  return {
    code: 'time-budget',
    message: `The wall-time budget of ${budgets.maxMinutes} min was used up (${formatMinutes(elapsedMs)} elapsed).`,
  };
}

/**
 * Null when the next call may be made. `estimatedInputTokens` should over-estimate;
 * a NaN cost (unpriced model) refuses the call.
 */
export function checkCallBudget(
  budgets: RepoConfig['budgets'],
  state: BudgetState,
  next: { estimatedInputTokens: number; maxOutputTokens: number; worstCaseCostUsd: number },
): StopReason | null {
  const time = checkTimeBudget(budgets, state.elapsedMs);
  if (time !== null) return time;
  const tokensAfter = state.tokens + next.estimatedInputTokens + next.maxOutputTokens;
  if (tokensAfter > budgets.maxTokens) {
    return {
      code: 'token-budget',
      message:
        `Stopped before a model call that could use up to ${fmt(next.estimatedInputTokens + next.maxOutputTokens)} tokens: ` +
        `${fmt(state.tokens)} of the ${fmt(budgets.maxTokens)}-token budget were already used.`,
    };
  }
  const costAfter = state.costUsd + next.worstCaseCostUsd;
  if (!(costAfter <= budgets.maxCostUsd)) {
    const worst = Number.isNaN(next.worstCaseCostUsd)
      ? 'an unknown amount (the model has no price)'
      : `up to $${next.worstCaseCostUsd.toFixed(4)}`;
    return {
      code: 'cost-budget',
      message:
        `Stopped before a model call that could cost ${worst}: $${state.costUsd.toFixed(4)} of the ` +
        `$${budgets.maxCostUsd.toFixed(2)} budget were already spent.`,
    };
  }
  return null;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function formatMinutes(ms: number): string {
  return `${(ms / 60_000).toFixed(1)} min`;
}
