// `npm start` end to end: src/app/main.ts in a child process, as on a server, against
// a local HTTP server standing in for GitHub Enterprise Server (GHE_HOST): it starts,
// sweeps failed deliveries at start-up, logs JSON, and handles a signed webhook.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { labeledIssue, PRIVATE_KEY, SECRET } from './harness.ts';

let child: ChildProcess | null = null;
let api: Server | null = null;

afterEach(async () => {
  if (child !== null && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  await new Promise<void>((resolve) => (api === null ? resolve() : api.close(() => resolve())));
  api = null;
});

function answer(method: string, path: string): [number, unknown] {
  if (method === 'POST' && path === '/api/v3/app/installations/1/access_tokens')
    return [201, { token: 'ghs_x', expires_at: new Date(Date.now() + 3_600_000).toISOString() }];
  if (method === 'GET' && path === '/api/v3/app') return [200, { id: 1, slug: 'greenlight', name: 'greenlight' }];
  if (method === 'GET' && path === '/api/v3/app/hook/deliveries') return [200, []];
  if (method === 'GET' && path.includes('/contents/')) return [404, { message: 'Not Found' }];
  if (method === 'GET' && path.includes('/collaborators/')) return [200, { permission: 'write', role_name: 'write' }];
  if (method === 'POST' && path.endsWith('/reactions')) return [201, { id: 1 }];
  if (method === 'POST' && path.endsWith('/dispatches')) return [204, null];
  if (method === 'POST' && path.endsWith('/comments'))
    return [
      201,
      {
        id: 9,
        body: 'x',
        user: { login: 'greenlight[bot]', type: 'Bot' },
        created_at: 'x',
        updated_at: 'x',
        html_url: 'x',
      },
    ];
  return [404, { message: `no route for ${method} ${path}` }];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, check: () => boolean, output: () => string): Promise<void> {
  for (let i = 0; i < 800; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
}

describe('npm start (src/app/main.ts)', () => {
  it('runs the App against GHES, with JSON logs, a start-up redelivery sweep and signed webhooks', async () => {
    const calls: string[] = [];
    api = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        calls.push(`${req.method} ${path}`);
        const [status, body] = answer(req.method ?? 'GET', path);
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(body === null ? undefined : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => api?.listen(0, '127.0.0.1', resolve));
    const apiPort = (api.address() as AddressInfo).port;
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['src/app/main.ts'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        APP_ID: '1',
        PRIVATE_KEY,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        GHE_HOST: `127.0.0.1:${apiPort}`,
        GHE_PROTOCOL: 'http',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));

    await until(
      'the start-up redelivery sweep',
      () => calls.includes('GET /api/v3/app/hook/deliveries'),
      () => output,
    );
    const payload = labeledIssue();
    const body = JSON.stringify(payload);
    let status = 0;
    for (let i = 0; status === 0 && i < 800; i++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'issues',
            'x-github-delivery': 'main-1',
            'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
          },
        });
        status = response.status;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(status, output).toBe(200);
    expect(calls).toContain('POST /api/v3/repos/Codertocat/Hello-World/actions/workflows/greenlight.yml/dispatches');
    // The log line reaches the pipe a moment after the answer.
    const logged = () =>
      output
        .split('\n')
        .slice(0, -1)
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; delivery?: string });
    await until(
      'the structured log line',
      () => logged().some((line) => line.msg === 'delivery handled' && line.delivery === 'main-1'),
      () => output,
    );
  }, 90_000);
});
