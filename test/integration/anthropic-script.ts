/**
 * Scripted Anthropic conversations over HTTP: each step answers one POST /v1/messages
 * (nock, network disabled) with a real SSE stream built by the model adapter's test
 * helpers, an API error, or a stream cut in the middle. Request bodies are recorded
 * as JSON text, in order: parsing and re-serialising JSON that `JSON.stringify` wrote
 * gives the same bytes, so they compare as the wire bodies would.
 */
import nock from 'nock';
import { Readable } from 'node:stream';
import {
  apiError,
  messageEvents,
  messageStream,
  sse,
  SSE_HEADERS,
  type ScriptedBlock,
  type ScriptedMessage,
} from '../adapters/model/anthropic-sse.ts';

export const API = 'https://api.anthropic.com';
/** A fake key in the shape of a real one, so that both exact-value and pattern redaction apply. */
export const API_KEY = 'sk-ant-api03-greenlightTEST0123456789abcdefghijklmnopqrstuvwxyzABCDEFG-hijklmnAA';

export type Step =
  | { kind: 'message'; message: ScriptedMessage }
  | { kind: 'error'; status: number; type: string; message: string }
  | { kind: 'cut'; message: ScriptedMessage; events: number };

export interface Conversation {
  /** Request bodies in the order the API received them. */
  bodies: string[];
}

let nextId = 1;
const id = () => `toolu_${String(nextId++).padStart(5, '0')}`;

/** Registers one interceptor per step, answered in order. */
export function mockAnthropic(steps: readonly Step[]): Conversation {
  const conversation: Conversation = { bodies: [] };
  const scope = nock(API);
  let answers = 0;
  for (const original of steps) {
    const step =
      original.kind === 'error' || original.message.usage !== undefined
        ? original
        : { ...original, message: { ...original.message, usage: usageOf(answers) } };
    if (step.kind !== 'error') answers += 1;
    let body: unknown;
    // The body is taken by the matcher: nock hangs on reply functions that declare a body parameter.
    scope
      .post('/v1/messages', (sent: unknown) => {
        body = sent;
        return true;
      })
      .reply(() => {
        conversation.bodies.push(typeof body === 'string' ? body : JSON.stringify(body));
        switch (step.kind) {
          case 'message':
            return [200, messageStream(step.message), SSE_HEADERS];
          case 'error':
            return [
              step.status,
              apiError(step.type, step.message),
              { 'retry-after-ms': '1', 'content-type': 'application/json' },
            ];
          case 'cut': {
            const stream = new Readable({ read() {} });
            stream.push(sse(messageEvents(step.message).slice(0, step.events)));
            setImmediate(() => stream.emit('error', new Error('socket hang up')));
            return [200, stream, SSE_HEADERS];
          }
        }
      });
  }
  return conversation;
}

/** Usage as the API reports it with caching: the first answer writes the prefix, later ones read it. */
function usageOf(answer: number): NonNullable<ScriptedMessage['usage']> {
  return { input: 200, output: 150, cacheWrite: answer === 0 ? 3_000 : 100, cacheRead: answer === 0 ? 0 : 3_000 };
}

/** One assistant reply that calls tools. */
export function tools(...blocks: { name: string; input: Record<string, unknown> }[]): Step {
  const content: ScriptedBlock[] = blocks.map((b) => ({ type: 'tool_use', id: id(), name: b.name, input: b.input }));
  return { kind: 'message', message: { content, stopReason: 'tool_use' } };
}

/** One assistant reply that ends the turn. */
export function endTurn(text = 'Done.'): Step {
  return { kind: 'message', message: { content: [{ type: 'text', text }], stopReason: 'end_turn' } };
}

export const create = (path: string, fileText: string) => ({
  name: 'str_replace_based_edit_tool',
  input: { command: 'create', path, file_text: fileText },
});
export const replace = (path: string, oldStr: string, newStr: string) => ({
  name: 'str_replace_based_edit_tool',
  input: { command: 'str_replace', path, old_str: oldStr, new_str: newStr },
});
export const view = (path: string) => ({ name: 'str_replace_based_edit_tool', input: { command: 'view', path } });
export const runTests = (input: Record<string, unknown> = {}) => ({ name: 'run_tests', input });

export const apiFailure = (status: number, type: string, message: string): Step => ({
  kind: 'error',
  status,
  type,
  message,
});

/** A reply whose stream breaks after `events` SSE events. */
export function cutStream(events: number): Step {
  return {
    kind: 'cut',
    events,
    message: {
      content: [{ type: 'text', text: 'I will now write the remaining tests for clamp' }],
      stopReason: 'end_turn',
    },
  };
}
