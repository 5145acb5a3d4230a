import { describe, expect, it } from 'vitest';
import { jobModel } from '../../src/compose/job-model.ts';
import type { Model, ModelErrorCode, ModelRequest, ModelResponse } from '../../src/ports/model.ts';
import { ModelError } from '../../src/ports/model-error.ts';

const request: ModelRequest = {
  system: [{ text: 's', cache: true }],
  tools: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  maxOutputTokens: 100,
};
const response: ModelResponse = {
  content: [{ type: 'text', text: 'ok' }],
  stopReason: 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0 },
  model: 'm',
  durationMs: 1,
};

function recording(fail?: ModelErrorCode): { model: Model; seen: ModelRequest[] } {
  const seen: ModelRequest[] = [];
  return {
    seen,
    model: {
      provider: 'test',
      modelId: 'm-1',
      async complete(r) {
        seen.push(r);
        if (fail !== undefined) throw new ModelError(fail, `failed: ${fail}`);
        return response;
      },
    },
  };
}

describe('jobModel', () => {
  it("asks the provider to cache the conversation too, and keeps the model's identity", async () => {
    const inner = recording();
    const guarded = jobModel(inner.model);
    expect(await guarded.model.complete(request)).toBe(response);
    expect(inner.seen).toEqual([{ ...request, cacheConversation: true }]);
    expect([guarded.model.provider, guarded.model.modelId]).toEqual(['test', 'm-1']);
    expect(guarded.configurationError()).toBeUndefined();
  });

  it.each<[ModelErrorCode, boolean]>([
    ['auth', true],
    ['model-not-found', true],
    ['context-too-long', false],
    ['rate-limited', false],
    ['overloaded', false],
    ['stream-interrupted', false],
    ['timeout', false],
  ])('%s is rethrown for the loop, and remembered as a configuration error: %s', async (code, remembered) => {
    const guarded = jobModel(recording(code).model);
    await expect(guarded.model.complete(request)).rejects.toThrow(`failed: ${code}`);
    expect(guarded.configurationError()?.modelCode).toBe(remembered ? code : undefined);
  });

  it('does not remember errors that are not ModelErrors', async () => {
    const guarded = jobModel({ provider: 'p', modelId: 'm', complete: () => Promise.reject(new Error('bug')) });
    await expect(guarded.model.complete(request)).rejects.toThrow('bug');
    expect(guarded.configurationError()).toBeUndefined();
  });
});
