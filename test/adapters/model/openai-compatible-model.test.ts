import nock from 'nock';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createOpenAICompatibleModel } from '../../../src/adapters/model/openai-compatible-model.ts';
import { TEXT_EDITOR_PARAMETERS } from '../../../src/adapters/model/text-editor-function.ts';
import type { ModelRequest } from '../../../src/ports/model.ts';
import { ModelError } from '../../../src/ports/model-error.ts';

const BASE = 'http://ollama.test:11434';

const request: ModelRequest = {
  system: [{ text: 'You are greenlight.' }, { text: 'Context: src/add.ts', cache: true }],
  tools: [
    { kind: 'text-editor', name: 'str_replace_based_edit_tool' },
    {
      kind: 'custom',
      name: 'run_tests',
      description: 'Run the tests.',
      inputSchema: { type: 'object', properties: {} },
    },
  ],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Add tests.' }] }],
  maxOutputTokens: 2048,
};

function model(extra: Partial<Parameters<typeof createOpenAICompatibleModel>[0]> = {}) {
  return createOpenAICompatibleModel({ model: 'qwen2.5-coder:32b', baseURL: `${BASE}/v1`, maxRetries: 2, ...extra });
}

function completion(
  message: Record<string, unknown>,
  finish = 'stop',
  usage: Record<string, unknown> | null = { prompt_tokens: 120, completion_tokens: 30 },
) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: 'qwen2.5-coder:32b',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    ...(usage === null ? {} : { usage }),
  };
}

async function modelError(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('expected the call to fail');
}

describe('createOpenAICompatibleModel', () => {
  it('sends system, function tools (the text editor with its schema) and tool messages', async () => {
    let body: unknown;
    nock(BASE)
      .post('/v1/chat/completions', (sent) => {
        body = sent;
        return true;
      })
      .reply(200, completion({ content: 'ok' }));

    await model().complete({
      ...request,
      messages: [
        ...request.messages,
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Looking.' },
            {
              type: 'tool_use',
              id: 'call_a',
              name: 'str_replace_based_edit_tool',
              input: { command: 'view', path: 'src/add.ts' },
            },
            {
              type: 'tool_use',
              id: 'call_b',
              name: 'str_replace_based_edit_tool',
              input: { command: 'view', path: '.git/config' },
            },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 'call_a', content: '1\tcode', isError: false },
            { type: 'tool_result', toolUseId: 'call_b', content: 'Refused: .git/config', isError: true },
            { type: 'text', text: 'Tests fail: 1 failing.' },
          ],
        },
      ],
    });

    expect(body).toEqual({
      model: 'qwen2.5-coder:32b',
      max_tokens: 2048,
      stream: false,
      messages: [
        { role: 'system', content: 'You are greenlight.\n\nContext: src/add.ts' },
        { role: 'user', content: 'Add tests.' },
        {
          role: 'assistant',
          content: 'Looking.',
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'str_replace_based_edit_tool', arguments: '{"command":"view","path":"src/add.ts"}' },
            },
            {
              id: 'call_b',
              type: 'function',
              function: { name: 'str_replace_based_edit_tool', arguments: '{"command":"view","path":".git/config"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '1\tcode' },
        { role: 'tool', tool_call_id: 'call_b', content: 'Error: Refused: .git/config' },
        { role: 'user', content: 'Tests fail: 1 failing.' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'str_replace_based_edit_tool',
            description: expect.stringContaining('str_replace (replace old_str') as unknown,
            parameters: TEXT_EDITOR_PARAMETERS,
          },
        },
        {
          type: 'function',
          function: {
            name: 'run_tests',
            description: 'Run the tests.',
            parameters: { type: 'object', properties: {} },
          },
        },
      ],
    });
  });

  it('maps tool calls, finish reasons and usage with cached prompt tokens', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(
        200,
        completion(
          {
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'str_replace_based_edit_tool', arguments: '{"command":"view","path":"src"}' },
              },
            ],
          },
          'tool_calls',
          { prompt_tokens: 1000, completion_tokens: 40, prompt_tokens_details: { cached_tokens: 800 } },
        ),
      );

    let clock = 0;
    const response = await model({ now: () => (clock += 100) }).complete(request);

    expect(response).toEqual({
      id: 'chatcmpl-1',
      content: [
        {
          type: 'tool_use',
          id: 'call_1',
          name: 'str_replace_based_edit_tool',
          input: { command: 'view', path: 'src' },
        },
      ],
      stopReason: 'tool_use',
      usage: { inputTokens: 200, outputTokens: 40, cacheWriteTokens: 0, cacheReadTokens: 800 },
      model: 'qwen2.5-coder:32b',
      durationMs: 100,
    });
  });

  it('copes with servers that omit ids, send object or broken arguments, or say "stop" with tool calls', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(
        200,
        completion(
          {
            content: 'Calling tools.',
            tool_calls: [
              { function: { name: 'list_files', arguments: { pattern: '*.ts' } } },
              { function: { name: 'search_repository', arguments: '{"pattern": ' } },
            ],
          },
          'stop',
        ),
      );

    const response = await model().complete(request);

    expect(response.content).toEqual([
      { type: 'text', text: 'Calling tools.' },
      { type: 'tool_use', id: 'call_1', name: 'list_files', input: { pattern: '*.ts' } },
      { type: 'tool_use', id: 'call_2', name: 'search_repository', input: '{"pattern": ' },
    ]);
    expect([response.stopReason, response.providerStopReason]).toEqual(['tool_use', 'stop']);
  });

  it('estimates usage when the server reports none, so token budgets still bind', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(200, completion({ content: 'done' }, 'stop', null));

    const response = await model().complete(request);

    expect(response.usage.inputTokens).toBeGreaterThan(100);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
  });

  it('retries a 429 honouring retry-after-ms, then succeeds', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(429, { error: { message: 'slow down' } }, { 'retry-after-ms': '1' })
      .post('/v1/chat/completions')
      .reply(200, completion({ content: 'ok' }));

    expect((await model().complete(request)).content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('reports overloaded after its retries on 503', async () => {
    nock(BASE).post('/v1/chat/completions').times(2).reply(503, { error: 'server busy' }, { 'retry-after': '0.001' });

    const error = await modelError(model({ maxRetries: 1 }).complete(request));

    expect([error.modelCode, error.status, error.message]).toEqual([
      'overloaded',
      503,
      'The model server is overloaded (503: server busy) after 1 retries. Try again later.',
    ]);
  });

  it('maps an unknown model to model-not-found with the pull command', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(404, {
        error: { message: 'model "qwen2.5-coder:32b" not found, try pulling it first', type: 'api_error' },
      });

    const error = await modelError(model().complete(request));

    expect(error.modelCode).toBe('model-not-found');
    expect(error.message).toContain('ollama pull qwen2.5-coder:32b');
  });

  it('sends the API key as a bearer token and maps 401 to auth', async () => {
    nock(BASE)
      .matchHeader('authorization', 'Bearer local-key')
      .post('/v1/chat/completions')
      .reply(401, { error: { message: 'invalid api key' } });

    const error = await modelError(model({ apiKey: 'local-key' }).complete(request));

    expect([error.modelCode, error.status]).toEqual(['auth', 401]);
    expect(error.message).toContain('OPENAI_API_KEY');
  });

  it('maps a context-length rejection to context-too-long', async () => {
    nock(BASE).post('/v1/chat/completions').reply(400, {
      object: 'error',
      message: "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.",
      type: 'BadRequestError',
    });

    const error = await modelError(model().complete(request));

    expect(error.modelCode).toBe('context-too-long');
    expect(error.message).toContain('maximum context length is 32768');
  });

  it.each([
    ['text that is not JSON', '<html>proxy error</html>', 'not JSON'],
    ['JSON that is not a completion', { result: 'ok' }, 'not a chat completion'],
  ])('reports %s as bad-response', async (_name, body, message) => {
    nock(BASE).post('/v1/chat/completions').reply(200, body);

    const error = await modelError(model().complete(request));

    expect(error.modelCode).toBe('bad-response');
    expect(error.message).toContain(message);
  });

  it('says when the server cannot be reached', async () => {
    // A real loopback port that nothing listens on any more.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));

    const error = await modelError(model({ baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 }).complete(request));

    expect(error.modelCode).toBe('other');
    expect(error.message).toContain('Is the server (Ollama, vLLM) running');
  });

  it('times out an attempt that takes too long', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return [200, completion({ content: 'late' })];
      });

    const error = await modelError(model({ timeoutMs: 20, maxRetries: 0 }).complete(request));

    expect(error.modelCode).toBe('timeout');
  });

  it('reports a cancelled request as aborted', async () => {
    nock(BASE)
      .post('/v1/chat/completions')
      .reply(async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return [200, completion({ content: 'late' })];
      });
    const controller = new AbortController();

    const pending = model().complete(request, controller.signal);
    setTimeout(() => controller.abort(), 10);

    expect((await modelError(pending)).modelCode).toBe('aborted');
  });
});
