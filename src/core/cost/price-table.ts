/**
 * Built-in prices of Claude models on the Anthropic API, USD per million tokens.
 * cacheWrite is the 5-minute cache write (greenlight only uses ephemeral 5-minute
 * breakpoints); cacheRead is a cache hit. Checked against Anthropic's pricing page
 * in October 2026; `model.prices` in .github/greenlight.yml overrides or extends it
 * (a new model, a negotiated rate, a local model at 0).
 *
 * Bedrock and Vertex list the same rates for these models in their standard
 * regions; regional endpoints can cost more, so set `model.prices` there.
 */

export interface TokenPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export interface ModelPricing extends TokenPrice {
  /** Higher rates for every token of a request whose prompt (input + cache write + cache read) exceeds the threshold. */
  longPrompt?: { thresholdTokens: number; price: TokenPrice };
}

const price = (input: number, output: number, cacheWrite: number, cacheRead: number): TokenPrice => ({
  input,
  output,
  cacheWrite,
  cacheRead,
});

const FABLE_5_1 = price(10, 50, 12.5, 0.25);
const FABLE_5 = price(10, 50, 12.5, 1);
const OPUS_5_5 = price(4, 20, 5, 0.2);
const OPUS_4_5_TO_5 = price(5, 25, 6.25, 0.5);
const OPUS_4 = price(15, 75, 18.75, 1.5);
const SONNET_5_5 = price(2, 10, 2.5, 0.1);
const SONNET_5 = price(2, 10, 2.5, 0.2);
const SONNET_4 = price(3, 15, 3.75, 0.3);
const HAIKU_5_5: ModelPricing = {
  ...price(0.1, 0.5, 0.125, 0.01),
  longPrompt: { thresholdTokens: 100_000, price: price(0.5, 2.5, 0.625, 0.05) },
};

/** Keyed by model id without date or provider decorations (see normalizeModelId). */
export const BUILTIN_PRICES: Readonly<Record<string, ModelPricing>> = {
  'claude-fable-5-1': FABLE_5_1,
  'claude-mythos-5-1': FABLE_5_1,
  'claude-fable-5': FABLE_5,
  'claude-mythos-5': FABLE_5,
  'claude-opus-5-5': OPUS_5_5,
  'claude-opus-5': OPUS_4_5_TO_5,
  'claude-opus-4-8': OPUS_4_5_TO_5,
  'claude-opus-4-7': OPUS_4_5_TO_5,
  'claude-opus-4-6': OPUS_4_5_TO_5,
  'claude-opus-4-5': OPUS_4_5_TO_5,
  'claude-opus-4-1': OPUS_4,
  'claude-opus-4': OPUS_4,
  'claude-sonnet-5-5': SONNET_5_5,
  'claude-sonnet-5': SONNET_5,
  'claude-sonnet-4-6': SONNET_4,
  'claude-sonnet-4-5': SONNET_4,
  'claude-sonnet-4': SONNET_4,
  'claude-3-7-sonnet': SONNET_4,
  'claude-haiku-5-5': HAIKU_5_5,
  'claude-haiku-4-5': price(1, 5, 1.25, 0.1),
  'claude-3-5-haiku': price(0.8, 4, 1, 0.08),
  'claude-3-haiku': price(0.25, 1.25, 0.3, 0.03),
};

/**
 * The price-table key of a model id: lower case, without a release date
 * (`-20250929`, Vertex `@20250929`), `-latest`, a 1M-context marker (`[1m]`), or
 * Bedrock decorations (`us.anthropic.…-v1:0`, inference-profile ARNs).
 * @example normalizeModelId('us.anthropic.claude-sonnet-4-5-20250929-v1:0') // 'claude-sonnet-4-5'
 */
export function normalizeModelId(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^arn:aws[a-z-]*:bedrock:[^/]*\/(?:[a-z-]+\/)?/, '')
    .replace(/^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic\./, '')
    .replace(/\[1m\]$/, '')
    .replace(/-v\d+(?::\d+)?$/, '')
    .replace(/(?:-|@)(?:\d{8}|latest)$/, '');
}
