/**
 * Amazon Bedrock's runtime API on 127.0.0.1: `POST /model/{id}/invoke-with-response-stream`
 * answers the next scripted message as an AWS event stream, after checking the request's
 * SigV4 signature against the known test credentials (recomputed in sigv4.ts). A request
 * whose signature does not match gets Bedrock's 403; every request is recorded with the
 * result of the check.
 */
import { createServer, type Server } from 'node:http';
import { messageEvents, type ScriptedMessage } from '../../adapters/model/anthropic-sse.ts';
import { chunkEvent } from './eventstream.ts';
import { checkSigV4, type AwsCredentials, type SignatureCheck } from './sigv4.ts';

export interface BedrockRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  signature: SignatureCheck;
}

export class FakeBedrock {
  readonly requests: BedrockRequest[] = [];
  readonly credentials: AwsCredentials;
  #script: ScriptedMessage[] = [];
  #server: Server | null = null;

  /** A Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) accepted instead of a signature. */
  readonly apiKey: string | undefined;

  constructor(credentials: AwsCredentials, options: { apiKey?: string } = {}) {
    this.credentials = credentials;
    this.apiKey = options.apiKey;
  }

  script(messages: ScriptedMessage[]): void {
    this.#script = [...messages];
  }

  /** Parsed JSON bodies of the requests, in order. */
  get bodies(): Record<string, unknown>[] {
    return this.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const bearer = this.apiKey !== undefined && req.headers['authorization'] === `Bearer ${this.apiKey}`;
        const signature: SignatureCheck = bearer
          ? { ok: true, region: '', service: '', signedHeaders: [] }
          : checkSigV4({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }, this.credentials);
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: body.toString('utf8'),
          signature,
        });
        if (!signature.ok) {
          res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidSignatureException' });
          res.end(JSON.stringify({ message: `The request signature we calculated does not match: ${signature.why}` }));
          return;
        }
        const next = /\/invoke-with-response-stream$/.test(req.url ?? '') ? this.#script.shift() : undefined;
        if (next === undefined) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: 'fake Bedrock: the script ran out, or not a streaming invoke' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
        for (const [, event] of messageEvents(next)) res.write(chunkEvent(event));
        res.end();
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
