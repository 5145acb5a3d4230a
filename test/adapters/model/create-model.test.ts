import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../../src/adapters/model/create-model.ts';
import type { ModelRequest } from '../../../src/ports/model.ts';
import { messageStream, SSE_HEADERS } from './anthropic-sse.ts';

const request: ModelRequest = {
  system: [],
  tools: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  maxOutputTokens: 256,
};

describe('createModel', () => {
  it('builds the Anthropic model from the environment: key and base URL', async () => {
    nock('https://gateway.example.test')
      .matchHeader('authorization', 'Bearer sk-ant-env')
      .post('/v1/messages')
      .reply(200, messageStream({ content: [{ type: 'text', text: 'hello' }], stopReason: 'end_turn' }), SSE_HEADERS);

    const model = createModel(
      { provider: 'anthropic', name: 'claude-sonnet-4-6' },
      { ANTHROPIC_API_KEY: 'sk-ant-env', ANTHROPIC_BASE_URL: 'https://gateway.example.test' },
    );

    expect([model.provider, model.modelId]).toEqual(['anthropic', 'claude-sonnet-4-6']);
    expect((await model.complete(request)).content).toEqual([{ type: 'text', text: 'hello' }]);
  });

  it('prefers model.baseUrl over ANTHROPIC_BASE_URL', async () => {
    nock('https://configured.example.test')
      .post('/v1/messages')
      .reply(
        200,
        messageStream({ content: [{ type: 'text', text: 'configured' }], stopReason: 'end_turn' }),
        SSE_HEADERS,
      );

    const model = createModel(
      { provider: 'anthropic', name: 'claude-sonnet-4-6', baseUrl: 'https://configured.example.test' },
      { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'https://ignored.example.test' },
    );

    expect((await model.complete(request)).content).toEqual([{ type: 'text', text: 'configured' }]);
  });

  it('builds the OpenAI-compatible model, defaulting to Ollama on localhost', async () => {
    nock('http://localhost:11434')
      .post('/v1/chat/completions')
      .reply(200, {
        model: 'llama3.1',
        choices: [{ message: { content: 'local' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1 },
      });

    const model = createModel({ provider: 'openai-compatible', name: 'llama3.1' }, {});

    expect(model.provider).toBe('openai-compatible');
    expect((await model.complete(request)).content).toEqual([{ type: 'text', text: 'local' }]);
  });

  it('uses OPENAI_BASE_URL and OPENAI_API_KEY for openai-compatible', async () => {
    nock('http://vllm.test:8000')
      .matchHeader('authorization', 'Bearer vllm-key')
      .post('/v1/chat/completions')
      .reply(200, { choices: [{ message: { content: 'vllm' }, finish_reason: 'stop' }] });

    const model = createModel(
      { provider: 'openai-compatible', name: 'Qwen/Qwen2.5-Coder-32B' },
      { OPENAI_BASE_URL: 'http://vllm.test:8000/v1', OPENAI_API_KEY: 'vllm-key' },
    );

    expect((await model.complete(request)).content).toEqual([{ type: 'text', text: 'vllm' }]);
  });

  it.each(['bedrock', 'vertex'] as const)(
    'builds %s from the config without a request (the cloud SDK loads on the first call)',
    (provider) => {
      const model = createModel({ provider, name: 'claude-sonnet-4-6', region: 'us-east5' }, {});
      expect([model.provider, model.modelId]).toEqual([provider, 'claude-sonnet-4-6']);
    },
  );
});
