/**
 * Builds Messages API server-sent event streams the way the API sends them:
 * message_start, a ping, content blocks with deltas (tool input split into JSON
 * fragments), message_delta with the stop reason and usage, message_stop.
 */

export type ScriptedBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface ScriptedMessage {
  id?: string;
  model?: string;
  content: ScriptedBlock[];
  stopReason: string;
  usage?: { input: number; output: number; cacheWrite?: number; cacheRead?: number };
}

type SseEvent = [name: string, data: unknown];

/** Serialises events as an SSE body. */
export function sse(events: SseEvent[]): string {
  return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** All events of one message, in order. */
export function messageEvents(message: ScriptedMessage): SseEvent[] {
  const usage = message.usage ?? { input: 100, output: 20 };
  const events: SseEvent[] = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          id: message.id ?? 'msg_01',
          type: 'message',
          role: 'assistant',
          model: message.model ?? 'claude-sonnet-4-6',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: usage.input,
            output_tokens: 1,
            cache_creation_input_tokens: usage.cacheWrite ?? 0,
            cache_read_input_tokens: usage.cacheRead ?? 0,
          },
        },
      },
    ],
    ['ping', { type: 'ping' }],
  ];
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push([
        'content_block_start',
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
      ]);
      const middle = Math.ceil(block.text.length / 2);
      for (const part of [block.text.slice(0, middle), block.text.slice(middle)]) {
        events.push([
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } },
        ]);
      }
    } else {
      events.push([
        'content_block_start',
        {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        },
      ]);
      const json = JSON.stringify(block.input);
      for (let at = 0; at < json.length; at += 7) {
        events.push([
          'content_block_delta',
          {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: json.slice(at, at + 7) },
          },
        ]);
      }
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: message.stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events;
}

/** The SSE body of one complete message. */
export function messageStream(message: ScriptedMessage): string {
  return sse(messageEvents(message));
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream' } as const;

/** An API error body as the Messages API sends it. */
export function apiError(type: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message } };
}
