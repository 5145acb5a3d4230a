/**
 * The App's HTTP server: GitHub's deliveries at the webhook path (Probot's
 * middleware: signature check, then the handlers), and two probes for orchestrators
 * and load balancers:
 *
 * - `GET /healthz` — the process is up and serving (liveness);
 * - `GET /readyz` — it should get deliveries: credentials valid, state store
 *   reachable, not shutting down (readiness; 503 with the failing checks otherwise).
 *
 * `drain()` starts a graceful shutdown: readiness fails, new deliveries are answered
 * 503 (GitHub records a failure, redelivered later to a process that is up), the
 * listener closes, and `idle()` resolves once the deliveries already accepted have
 * been answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppLog } from '../app-log.ts';

export type CheckResult = { ok: true } | { ok: false; problem: string };

export interface AppServerOptions {
  host: string;
  port: number;
  webhookPath: string;
  /** Handles a request at the webhook path (Probot's node middleware). */
  webhooks: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Named readiness checks, run on every `/readyz`. */
  checks: Record<string, () => Promise<CheckResult>>;
  log: AppLog;
}

export interface AppServer {
  /** Listens; resolves to the base URL (`http://127.0.0.1:3000`). */
  listen(): Promise<string>;
  /** Stops taking deliveries and closes the listener. */
  drain(): void;
  /** Resolves when no accepted delivery is still being answered. */
  idle(): Promise<void>;
  readonly inFlight: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
};

export function createAppServer(options: AppServerOptions): AppServer {
  let draining = false;
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const wake of waiters.splice(0)) wake();
  };

  const readiness = async () => {
    const results: Record<string, string> = {};
    let ready = !draining;
    if (draining) results.shutdown = 'shutting down';
    await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        const result = await check().catch((error: unknown) => ({ ok: false as const, problem: String(error) }));
        results[name] = result.ok ? 'ok' : result.problem;
        if (!result.ok) ready = false;
      }),
    );
    return { ready, results };
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://app.invalid').pathname;
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/readyz') {
      void readiness().then(({ ready, results }) =>
        json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results }),
      );
      return;
    }
    if (path === options.webhookPath.replace(/\/+$/, '') || path === options.webhookPath) {
      if (draining) {
        res.setHeader('connection', 'close');
        return json(res, 503, { error: 'this App process is shutting down; deliver again' });
      }
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
        settle();
      });
      void options.webhooks(req, res).catch((error: unknown) => {
        options.log.error({ err: error }, 'webhook middleware failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
      });
      return;
    }
    json(res, 404, { error: `no route for ${req.method ?? 'GET'} ${path}` });
  });
  server.keepAliveTimeout = 65_000;

  return {
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'EADDRINUSE'
              ? new Error(`port ${options.port} is already in use: set PORT to a free port`)
              : error,
          ),
        );
        server.listen(options.port, options.host, resolve);
      });
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    },
    drain() {
      if (draining) return;
      draining = true;
      server.close();
      server.closeIdleConnections();
    },
    idle() {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    get inFlight() {
      return inFlight;
    },
    async close() {
      draining = true;
      waiters = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
