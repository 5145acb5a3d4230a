/**
 * Dollar cost of model usage. A model without a price is an explicit `unpriced`
 * value, never a silent $0: with a dollar budget the loop must stop (fail closed),
 * and `requirePrice` lets a run refuse before it spends anything.
 */
import { GreenlightError } from '../../ports/errors.ts';
import type { ModelUsage } from '../../ports/model.ts';
import { BUILTIN_PRICES, normalizeModelId, type ModelPricing, type TokenPrice } from './price-table.ts';

export type PriceOverrides = Readonly<Record<string, TokenPrice>>;

export interface ResolvedPrice {
  pricing: ModelPricing;
  /** Where it came from: `model.prices` in the config, or the built-in table. */
  source: 'config' | 'builtin';
  /** The key that matched. */
  key: string;
}

export type Cost =
  | {
      priced: true;
      usd: number;
      breakdown: { input: number; output: number; cacheWrite: number; cacheRead: number };
      price: ResolvedPrice;
    }
  | { priced: false; model: string; reason: string };

/** The price of `model`: config overrides (exact id, then normalised), then built-in. */
export function resolvePrice(model: string, overrides: PriceOverrides = {}): ResolvedPrice | undefined {
  const normalized = normalizeModelId(model);
  for (const key of [model, normalized]) {
    const override = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    if (override !== undefined) return { pricing: override, source: 'config', key };
  }
  const builtin = Object.hasOwn(BUILTIN_PRICES, normalized) ? BUILTIN_PRICES[normalized] : undefined;
  return builtin === undefined ? undefined : { pricing: builtin, source: 'builtin', key: normalized };
}

/**
 * Cost of one turn's (or a run's summed) usage.
 * @example costOfUsage('claude-sonnet-4-6', { inputTokens: 1000, outputTokens: 500, cacheWriteTokens: 0, cacheReadTokens: 20_000 })
 */
export function costOfUsage(model: string, usage: ModelUsage, overrides: PriceOverrides = {}): Cost {
  const price = resolvePrice(model, overrides);
  if (price === undefined) {
    return { priced: false, model, reason: unpricedMessage(model) };
  }
  const long = price.pricing.longPrompt;
  const promptTokens = usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
  const rates: TokenPrice = long !== undefined && promptTokens > long.thresholdTokens ? long.price : price.pricing;
  const perToken = (tokens: number, rate: number) => (tokens * rate) / 1_000_000;
  const breakdown = {
    input: perToken(usage.inputTokens, rates.input),
    output: perToken(usage.outputTokens, rates.output),
    cacheWrite: perToken(usage.cacheWriteTokens, rates.cacheWrite),
    cacheRead: perToken(usage.cacheReadTokens, rates.cacheRead),
  };
  return {
    priced: true,
    usd: breakdown.input + breakdown.output + breakdown.cacheWrite + breakdown.cacheRead,
    breakdown,
    price,
  };
}

/**
 * Throws a config error when `model` has no price. Call it before the first model
 * request of a run with a dollar budget, so that the run refuses instead of spending
 * money it cannot count.
 */
export function requirePrice(model: string, overrides: PriceOverrides = {}): ResolvedPrice {
  const price = resolvePrice(model, overrides);
  if (price === undefined) {
    throw new GreenlightError('config-invalid', unpricedMessage(model));
  }
  return price;
}

function unpricedMessage(model: string): string {
  return (
    `greenlight has no price for model "${model}", so it cannot keep the run inside budgets.maxCostUsd. ` +
    `Add its prices (USD per million tokens) to .github/greenlight.yml, e.g. model.prices: { "${model}": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 } }; ` +
    'use 0 for a local model.'
  );
}
