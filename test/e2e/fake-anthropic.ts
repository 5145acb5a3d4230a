/**
 * The Anthropic Messages API on 127.0.0.1 for end-to-end runs of the bundled Action:
 * each POST /v1/messages gets the next scripted answer as a real SSE stream (built by
 * the model adapter's test helpers). Request bodies and API keys are recorded; a
 * request after the script ran out is answered 500 and counted in `overrun`.
 */
import { createServer, type Server } from 'node:http';
import {
  messageStream,
  SSE_HEADERS,
  type ScriptedBlock,
  type ScriptedMessage,
} from '../adapters/model/anthropic-sse.ts';

let nextId = 1;

/** One assistant reply that calls tools. */
export function toolReply(...calls: { name: string; input: Record<string, unknown> }[]): ScriptedMessage {
  const content: ScriptedBlock[] = calls.map((c) => ({
    type: 'tool_use',
    id: `toolu_e2e_${nextId++}`,
    name: c.name,
    input: c.input,
  }));
  return { content, stopReason: 'tool_use', usage: { input: 300, output: 120, cacheWrite: 2_000, cacheRead: 0 } };
}

/** One assistant reply that ends the turn. */
export function endReply(text = 'Done.'): ScriptedMessage {
  return {
    content: [{ type: 'text', text }],
    stopReason: 'end_turn',
    usage: { input: 300, output: 40, cacheWrite: 0, cacheRead: 2_000 },
  };
}

export const createFile = (path: string, fileText: string) => ({
  name: 'str_replace_based_edit_tool',
  input: { command: 'create', path, file_text: fileText },
});

export class FakeAnthropic {
  readonly bodies: string[] = [];
  /** The credential header of each request (`x-api-key`, or `authorization`). */
  readonly keys: (string | undefined)[] = [];
  overrun = 0;
  #script: ScriptedMessage[] = [];
  #server: Server | null = null;

  script(messages: ScriptedMessage[]): void {
    this.#script = [...messages];
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.bodies.push(Buffer.concat(chunks).toString('utf8'));
        this.keys.push((req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization);
        const next = this.#script.shift();
        if (next === undefined) {
          this.overrun += 1;
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              type: 'error',
              error: { type: 'api_error', message: 'fake Anthropic: the script ran out' },
            }),
          );
          return;
        }
        res.writeHead(200, SSE_HEADERS);
        res.end(messageStream(next));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server === null ? resolve() : this.#server.close(() => resolve())));
  }
}
