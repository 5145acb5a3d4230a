import Anthropic from '@anthropic-ai/sdk';
import nock from 'nock';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnthropicModel } from '../../../src/adapters/model/anthropic-model.ts';
import type { ModelRequest } from '../../../src/ports/model.ts';
import { ModelError } from '../../../src/ports/model-error.ts';
import { apiError, messageEvents, messageStream, sse, SSE_HEADERS } from './anthropic-sse.ts';

const API = 'https://api.anthropic.com';

const request: ModelRequest = {
  system: [{ text: 'You are greenlight.' }, { text: 'Repository context: src/add.ts', cache: true }],
  tools: [
    { kind: 'text-editor', name: 'str_replace_based_edit_tool' },
    {
      kind: 'custom',
      name: 'run_tests',
      description: 'Run the tests.',
      inputSchema: { type: 'object', properties: { filter: { type: 'string' } } },
    },
  ],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Add tests for add().' }] }],
  maxOutputTokens: 4096,
  cacheTools: true,
};

function model(extra: Partial<Parameters<typeof createAnthropicModel>[0]> = {}) {
  return createAnthropicModel({
    model: 'claude-sonnet-4-6',
    apiKey: 'sk-ant-test',
    baseURL: API,
    maxRetries: 2,
    ...extra,
  });
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

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createAnthropicModel', () => {
  it('sends the exact request body: tools with a breakpoint on the last, cached system blocks, streaming', async () => {
    let body: unknown;
    nock(API)
      .post('/v1/messages', (sent) => {
        body = sent;
        return true;
      })
      .reply(200, messageStream({ content: [{ type: 'text', text: 'Done.' }], stopReason: 'end_turn' }), SSE_HEADERS);

    await model().complete(request);

    expect(body).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Add tests for add().' }] }],
      tools: [
        { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' },
        {
          name: 'run_tests',
          description: 'Run the tests.',
          input_schema: { type: 'object', properties: { filter: { type: 'string' } } },
          cache_control: { type: 'ephemeral' },
        },
      ],
      system: [
        { type: 'text', text: 'You are greenlight.' },
        { type: 'text', text: 'Repository context: src/add.ts', cache_control: { type: 'ephemeral' } },
      ],
      stream: true,
    });
  });

  it('orders body keys like the cache prefix, so successive turns share their leading bytes', async () => {
    const bodies: string[] = [];
    nock(API)
      .post('/v1/messages', (sent) => {
        bodies.push(JSON.stringify(sent));
        return true;
      })
      .times(2)
      .reply(200, messageStream({ content: [{ type: 'text', text: 'ok' }], stopReason: 'end_turn' }), SSE_HEADERS);
    const m = model();

    await m.complete(request);
    await m.complete({
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
        { role: 'user', content: [{ type: 'text', text: 'more' }] },
      ],
    });

    const [first = '', second = ''] = bodies;
    let shared = 0;
    while (shared < first.length && first[shared] === second[shared]) shared += 1;
    const prefix = first.slice(0, shared);
    expect(Object.keys(JSON.parse(first) as object)).toEqual([
      'model',
      'max_tokens',
      'tools',
      'system',
      'messages',
      'stream',
    ]);
    expect(prefix).toContain(
      '"text":"Repository context: src/add.ts","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":[{"type":"text","text":"Add tests for add()."}]}',
    );
  });

  it('puts the tool breakpoint on the text editor when it is the only tool', async () => {
    let body: { tools?: unknown } = {};
    nock(API)
      .post('/v1/messages', (sent: { tools?: unknown }) => {
        body = sent;
        return true;
      })
      .reply(200, messageStream({ content: [{ type: 'text', text: 'ok' }], stopReason: 'end_turn' }), SSE_HEADERS);

    await model().complete({ ...request, tools: [{ kind: 'text-editor', name: 'str_replace_based_edit_tool' }] });

    expect(body.tools).toEqual([
      { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('places no breakpoint of its own: a request without marks gets no cache_control', async () => {
    let body: unknown;
    nock(API)
      .post('/v1/messages', (sent) => {
        body = sent;
        return true;
      })
      .reply(200, messageStream({ content: [{ type: 'text', text: 'ok' }], stopReason: 'end_turn' }), SSE_HEADERS);

    await model().complete({ ...request, system: [{ text: 'You are greenlight.' }], cacheTools: false });

    expect(JSON.stringify(body)).not.toContain('cache_control');
  });

  it('runs a 2-turn tool-use conversation and maps content, stop reasons and usage', async () => {
    const bodies: Array<{ messages: unknown }> = [];
    nock(API)
      .post('/v1/messages', (sent: { messages: unknown }) => {
        bodies.push(sent);
        return true;
      })
      .reply(
        200,
        messageStream({
          id: 'msg_turn1',
          content: [
            { type: 'text', text: 'Let me look at the file.' },
            {
              type: 'tool_use',
              id: 'toolu_01',
              name: 'str_replace_based_edit_tool',
              input: { command: 'view', path: 'src/add.ts' },
            },
          ],
          stopReason: 'tool_use',
          usage: { input: 50, output: 30, cacheWrite: 1200, cacheRead: 0 },
        }),
        SSE_HEADERS,
      )
      .post('/v1/messages', (sent: { messages: unknown }) => {
        bodies.push(sent);
        return true;
      })
      .reply(
        200,
        messageStream({
          id: 'msg_turn2',
          content: [{ type: 'text', text: 'The file adds two numbers.' }],
          stopReason: 'end_turn',
          usage: { input: 80, output: 12, cacheWrite: 0, cacheRead: 1200 },
        }),
        SSE_HEADERS,
      );

    let clock = 1000;
    const m = model({ now: () => (clock += 250) });
    const first = await m.complete(request);
    expect(first).toEqual({
      id: 'msg_turn1',
      content: [
        { type: 'text', text: 'Let me look at the file.' },
        {
          type: 'tool_use',
          id: 'toolu_01',
          name: 'str_replace_based_edit_tool',
          input: { command: 'view', path: 'src/add.ts' },
        },
      ],
      stopReason: 'tool_use',
      usage: { inputTokens: 50, outputTokens: 30, cacheWriteTokens: 1200, cacheReadTokens: 0 },
      model: 'claude-sonnet-4-6',
      durationMs: 250,
    });

    const second = await m.complete({
      ...request,
      cacheConversation: true,
      messages: [
        ...request.messages,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              toolUseId: 'toolu_01',
              content: '     1\texport const add = (a, b) => a + b;',
              isError: false,
            },
            { type: 'tool_result', toolUseId: 'toolu_02', content: 'Refused: .git/ is off limits', isError: true },
          ],
        },
      ],
    });
    expect(second.stopReason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'The file adds two numbers.' }]);
    expect(second.usage).toEqual({ inputTokens: 80, outputTokens: 12, cacheWriteTokens: 0, cacheReadTokens: 1200 });

    expect(bodies[1]?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Add tests for add().' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me look at the file.' },
          {
            type: 'tool_use',
            id: 'toolu_01',
            name: 'str_replace_based_edit_tool',
            input: { command: 'view', path: 'src/add.ts' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: '     1\texport const add = (a, b) => a + b;' },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_02',
            content: 'Refused: .git/ is off limits',
            is_error: true,
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ]);
  });

  it('keeps the provider stop reason when it normalises one', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(
        200,
        messageStream({ content: [{ type: 'text', text: 'cut' }], stopReason: 'model_context_window_exceeded' }),
        SSE_HEADERS,
      );

    const response = await model().complete(request);

    expect([response.stopReason, response.providerStopReason]).toEqual(['max_tokens', 'model_context_window_exceeded']);
  });

  it('retries a 429 through the SDK and then succeeds', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(429, apiError('rate_limit_error', 'Number of request tokens has exceeded your rate limit'), {
        'retry-after-ms': '1',
      })
      .post('/v1/messages')
      .reply(200, messageStream({ content: [{ type: 'text', text: 'ok' }], stopReason: 'end_turn' }), SSE_HEADERS);

    const response = await model().complete(request);

    expect(response.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('retries a 529 through the SDK and then succeeds', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(529, apiError('overloaded_error', 'Overloaded'), { 'retry-after-ms': '1' })
      .post('/v1/messages')
      .reply(529, apiError('overloaded_error', 'Overloaded'), { 'retry-after-ms': '1' })
      .post('/v1/messages')
      .reply(200, messageStream({ content: [{ type: 'text', text: 'ok' }], stopReason: 'end_turn' }), SSE_HEADERS);

    const response = await model().complete(request);

    expect(response.stopReason).toBe('end_turn');
  });

  it('reports rate-limited once the SDK has used up its retries', async () => {
    nock(API)
      .post('/v1/messages')
      .times(2)
      .reply(429, apiError('rate_limit_error', 'Rate limited'), { 'retry-after-ms': '1' });

    const error = await modelError(model({ maxRetries: 1 }).complete(request));

    expect([error.code, error.modelCode, error.status]).toEqual(['model', 'rate-limited', 429]);
    expect(error.message).toContain('after 1 retries');
  });

  it('reports overloaded once the SDK has used up its retries on 529', async () => {
    nock(API)
      .post('/v1/messages')
      .times(2)
      .reply(529, apiError('overloaded_error', 'Overloaded'), { 'retry-after-ms': '1' });

    const error = await modelError(model({ maxRetries: 1 }).complete(request));

    expect([error.modelCode, error.status]).toEqual(['overloaded', 529]);
  });

  it('reports a stream that ends before message_stop as stream-interrupted', async () => {
    const events = messageEvents({
      content: [{ type: 'text', text: 'I will now write the test file' }],
      stopReason: 'end_turn',
    });
    nock(API)
      .post('/v1/messages')
      .reply(200, sse(events.slice(0, 5)), SSE_HEADERS);

    const error = await modelError(model().complete(request));

    expect(error.modelCode).toBe('stream-interrupted');
    expect(error.message).toContain('ended before the message was complete');
  });

  it('reports a connection that breaks mid-body as stream-interrupted', async () => {
    const events = messageEvents({ content: [{ type: 'text', text: 'partial answer' }], stopReason: 'end_turn' });
    nock(API)
      .post('/v1/messages')
      .reply(
        200,
        () => {
          const body = new Readable({ read() {} });
          body.push(sse(events.slice(0, 4)));
          setImmediate(() => body.emit('error', new Error('socket hang up')));
          return body;
        },
        SSE_HEADERS,
      );

    const error = await modelError(model().complete(request));

    expect(error.modelCode).toBe('stream-interrupted');
  });

  it('reports an overloaded error event inside the stream as overloaded', async () => {
    const events = messageEvents({ content: [{ type: 'text', text: 'x' }], stopReason: 'end_turn' });
    nock(API)
      .post('/v1/messages')
      .reply(200, sse([...events.slice(0, 3), ['error', apiError('overloaded_error', 'Overloaded')]]), SSE_HEADERS);

    const error = await modelError(model().complete(request));

    expect([error.modelCode, error.status]).toEqual(['overloaded', undefined]);
  });

  it('times out a stream that stops sending data', async () => {
    const events = messageEvents({ content: [{ type: 'text', text: 'x' }], stopReason: 'end_turn' });
    nock(API)
      .post('/v1/messages')
      .reply(
        200,
        () => {
          const body = new Readable({ read() {} });
          body.push(sse(events.slice(0, 2)));
          return body; // never ends
        },
        SSE_HEADERS,
      );

    const error = await modelError(model({ streamIdleTimeoutMs: 50 }).complete(request));

    expect(error.modelCode).toBe('timeout');
    expect(error.message).toContain('stopped sending data');
  });

  it('times out when the API does not answer with headers in time', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return [200, messageStream({ content: [{ type: 'text', text: 'late' }], stopReason: 'end_turn' }), SSE_HEADERS];
      });

    const error = await modelError(model({ timeoutMs: 20, maxRetries: 0 }).complete(request));

    expect(error.modelCode).toBe('timeout');
    expect(error.message).toContain('did not answer');
  });

  it('maps "prompt is too long" to context-too-long without retrying', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(400, apiError('invalid_request_error', 'prompt is too long: 215000 tokens > 200000 maximum'));

    const error = await modelError(model().complete(request));

    expect([error.modelCode, error.status]).toEqual(['context-too-long', 400]);
    expect(error.message).toContain('context.maxTokens');
  });

  it('maps 404 to model-not-found and names the model', async () => {
    nock(API).post('/v1/messages').reply(404, apiError('not_found_error', 'model: claude-nonexistent-9'));

    const error = await modelError(
      createAnthropicModel({ model: 'claude-nonexistent-9', apiKey: 'k', baseURL: API }).complete(request),
    );

    expect(error.modelCode).toBe('model-not-found');
    expect(error.message).toContain('"claude-nonexistent-9"');
    expect(error.message).toContain('model.name');
  });

  it('maps 401 to auth and tells the user to set ANTHROPIC_API_KEY', async () => {
    nock(API).post('/v1/messages').reply(401, apiError('authentication_error', 'invalid x-api-key'));

    const error = await modelError(model().complete(request));

    expect([error.modelCode, error.status]).toEqual(['auth', 401]);
    expect(error.message).toContain('ANTHROPIC_API_KEY');
  });

  it('maps a missing key to auth before any request is sent', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', undefined);
    vi.stubEnv('ANTHROPIC_AUTH_TOKEN', undefined);
    vi.stubEnv('ANTHROPIC_PROFILE', undefined);
    vi.stubEnv('ANTHROPIC_CONFIG_DIR', '/nonexistent-greenlight-test');

    const error = await modelError(
      createAnthropicModel({ model: 'claude-sonnet-4-6', baseURL: API, maxRetries: 0 }).complete(request),
    );

    expect(error.modelCode).toBe('auth');
    expect(error.message).toContain('ANTHROPIC_API_KEY');
  });

  it('reports malformed event data as bad-response', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(200, 'event: message_start\ndata: {"type": "message_start", "message": \n\n', SSE_HEADERS);

    const error = await modelError(model().complete(request));

    expect(error.modelCode).toBe('bad-response');
  });

  it('honours ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY when the options leave them unset', async () => {
    vi.stubEnv('ANTHROPIC_BASE_URL', 'https://llm-proxy.internal.test');
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-env');
    nock('https://llm-proxy.internal.test')
      .matchHeader('authorization', 'Bearer sk-ant-from-env')
      .post('/v1/messages')
      .reply(
        200,
        messageStream({ content: [{ type: 'text', text: 'via proxy' }], stopReason: 'end_turn' }),
        SSE_HEADERS,
      );

    const response = await createAnthropicModel({ model: 'claude-sonnet-4-6', maxRetries: 0 }).complete(request);

    expect(response.content).toEqual([{ type: 'text', text: 'via proxy' }]);
  });

  it('runs on an injected client, as a Bedrock or Vertex client would be passed', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(
        200,
        messageStream({ content: [{ type: 'text', text: 'injected' }], stopReason: 'end_turn' }),
        SSE_HEADERS,
      );
    const client = new Anthropic({ apiKey: 'k', baseURL: API, maxRetries: 0 });

    const m = createAnthropicModel({ model: 'claude-sonnet-4-6', client, provider: 'vertex' });

    expect(m.provider).toBe('vertex');
    expect((await m.complete(request)).content).toEqual([{ type: 'text', text: 'injected' }]);
  });

  it('reports a cancelled request as aborted', async () => {
    nock(API)
      .post('/v1/messages')
      .reply(200, () => new Readable({ read() {} }), SSE_HEADERS);
    const controller = new AbortController();

    const pending = model().complete(request, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const error = await modelError(pending);

    expect(error.modelCode).toBe('aborted');
  });

  it('refuses more cache breakpoints than the API accepts, before sending anything', async () => {
    const error = await modelError(
      model().complete({
        ...request,
        system: [
          { text: 'a', cache: true },
          { text: 'b', cache: true },
          { text: 'c', cache: true },
        ],
        cacheConversation: true,
      }),
    );

    expect(error.message).toContain('at most 4');
  });
});
