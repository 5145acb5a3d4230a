/**
 * The model a run would call: its key is set (the value is never read or shown) and
 * greenlight knows its price, without which the dollar budget cannot be kept.
 */
import { resolvePrice } from '../../cost/cost-of-usage.ts';
import type { CheckLine, DoctorCheck } from '../doctor-check.ts';

const set = (env: Readonly<Record<string, string | undefined>>, name: string): boolean =>
  (env[name] ?? '').trim() !== '';

function keyLine(provider: string, env: Readonly<Record<string, string | undefined>>, baseUrl?: string): CheckLine {
  switch (provider) {
    case 'anthropic': {
      const found = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_PROFILE'].find((name) => set(env, name));
      if (found !== undefined)
        return { label: 'model key', status: 'ok', detail: `${found} is set (its value is not shown)` };
      return {
        label: 'model key',
        status: 'fail',
        detail: 'ANTHROPIC_API_KEY is not set',
        fix: [
          'export ANTHROPIC_API_KEY=sk-ant-… locally; in a workflow, pass secrets.ANTHROPIC_API_KEY as the anthropic_api_key input',
          'or set model.provider in .github/greenlight.yml to another provider',
        ],
      };
    }
    case 'openai-compatible': {
      const url = baseUrl ?? env['OPENAI_BASE_URL'] ?? 'http://localhost:11434/v1 (Ollama)';
      return {
        label: 'model key',
        status: 'ok',
        detail: `openai-compatible at ${url}; OPENAI_API_KEY is ${set(env, 'OPENAI_API_KEY') ? 'set (its value is not shown)' : 'not set (only needed when the server asks for one)'}`,
      };
    }
    default:
      return {
        label: 'model key',
        status: 'ok',
        detail: `model.provider ${provider}: its credentials are checked by the provider at the first call`,
      };
  }
}

export const modelCheck: DoctorCheck = {
  id: 'model',
  async run({ host, state }) {
    const { model } = state.config;
    const lines = [keyLine(model.provider, host.env, model.baseUrl)];
    if (resolvePrice(model.name, model.prices) === undefined)
      lines.push({
        label: 'model price',
        status: 'fail',
        detail: `greenlight has no price for ${model.name}, so it cannot keep a run inside budgets.maxCostUsd`,
        fix: [
          `model.prices: { "${model.name}": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 } } in .github/greenlight.yml (USD per million tokens; 0 for a local model)`,
        ],
      });
    return lines;
  },
};
