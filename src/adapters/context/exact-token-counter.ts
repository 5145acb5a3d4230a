/**
 * Exact token counts from the Anthropic API's count-tokens endpoint, behind an
 * injected client (the SDK's `Anthropic` instance fits). Used to check `countTokens`
 * against the model actually configured, never on the hot path: it is a network call
 * per text.
 */
import { countTokens } from '../../core/text/count-tokens.ts';

/** The part of the Anthropic SDK client this needs. */
export interface TokenCountingClient {
  messages: {
    countTokens(params: {
      model: string;
      messages: { role: 'user'; content: string }[];
    }): Promise<{ input_tokens: number }>;
  };
}

export type ExactTokenCounter = (text: string) => Promise<number>;

/**
 * A counter for `model`. The endpoint counts a whole request, so the framing of a
 * one-message request (measured once, on a one-token text) is subtracted.
 */
export function createExactTokenCounter(client: TokenCountingClient, model: string): ExactTokenCounter {
  let framing: Promise<number> | undefined;
  const raw = async (text: string): Promise<number> =>
    (await client.messages.countTokens({ model, messages: [{ role: 'user', content: text }] })).input_tokens;
  return async (text) => {
    framing ??= raw('a').then((n) => n - 1);
    const [total, overhead] = await Promise.all([raw(text === '' ? 'a' : text), framing]);
    return text === '' ? 0 : Math.max(0, total - overhead);
  };
}

export interface TokenCalibration {
  texts: number;
  /** Mean of |estimate − exact| / exact, over texts with at least one token. */
  meanAbsoluteError: number;
  /** Mean of (estimate − exact) / exact: positive when the heuristic over-counts. */
  bias: number;
  rows: { estimate: number; exact: number }[];
}

/** Compares `countTokens` with exact counts on `texts` (one request per text, in order). */
export async function calibrateTokenCount(
  texts: readonly string[],
  exact: ExactTokenCounter,
): Promise<TokenCalibration> {
  const rows: { estimate: number; exact: number }[] = [];
  for (const text of texts) rows.push({ estimate: countTokens(text), exact: await exact(text) });
  const measured = rows.filter((r) => r.exact > 0);
  const errors = measured.map((r) => (r.estimate - r.exact) / r.exact);
  const mean = (values: number[]): number =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return { texts: rows.length, meanAbsoluteError: mean(errors.map(Math.abs)), bias: mean(errors), rows };
}
