// `npm start` as on a server: src/app/main.ts in child processes, against a local HTTP
// server standing in for GitHub Enterprise Server (GHE_HOST), with signed deliveries
// over loopback. Waits for log lines and conditions, never for fixed times.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { labeledIssue, PRIVATE_KEY, SECRET } from '../harness.ts';

const MAIN = new URL('../../../src/app/main.ts', import.meta.url).pathname;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls `check` every `intervalMs` until it holds; fails after `timeoutMs` with `detail()`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  detail: () => string = () => '',
  timeoutMs = 60_000,
  intervalMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface Dispatch {
  repo: string;
  inputs: Record<string, string>;
}

export interface FakeGitHub {
  port: number;
  host: string;
  calls: string[];
  dispatches: Dispatch[];
  comments: { id: number; issue: number; body: string }[];
  /** `.github/greenlight.yml` of every repository (null: none). */
  config: string | null;
  /** Answer GET /app with this status (401: a key of another App). */
  appStatus: number;
  /** While set, dispatches wait for it. */
  hold: Promise<void> | null;
  /** Milliseconds every answer waits (GitHub's latency). */
  latencyMs: number;
  close(): Promise<void>;
}

/** The stand-in for GitHub's API at /api/v3 (what the App calls for a label). */
export async function fakeGitHub(): Promise<FakeGitHub> {
  let nextComment = 1000;
  const state: FakeGitHub = {
    port: 0,
    host: '',
    calls: [],
    dispatches: [],
    comments: [],
    config: null,
    appStatus: 200,
    hold: null,
    latencyMs: 0,
    close: async () => {},
  };
  const answer = async (method: string, path: string, body: string): Promise<[number, unknown]> => {
    const repo = /^\/api\/v3\/repos\/([^/]+\/[^/]+)\//.exec(path)?.[1] ?? '';
    if (method === 'POST' && /\/app\/installations\/\d+\/access_tokens$/.test(path))
      return [201, { token: 'ghs_x', expires_at: new Date(Date.now() + 3_600_000).toISOString() }];
    if (method === 'GET' && path === '/api/v3/app')
      return state.appStatus === 200
        ? [200, { id: 1, slug: 'greenlight', name: 'greenlight' }]
        : [state.appStatus, { message: 'A JSON web token could not be decoded' }];
    if (method === 'GET' && path === '/api/v3/app/hook/deliveries') return [200, []];
    if (method === 'GET' && path.includes('/contents/'))
      return state.config === null
        ? [404, { message: 'Not Found' }]
        : [
            200,
            {
              type: 'file',
              encoding: 'base64',
              size: 10,
              sha: 'c0',
              content: Buffer.from(state.config).toString('base64'),
            },
          ];
    if (method === 'GET' && path.includes('/collaborators/')) return [200, { permission: 'write', role_name: 'write' }];
    if (method === 'POST' && path.endsWith('/reactions')) return [201, { id: 1, content: 'eyes' }];
    if (method === 'POST' && path.endsWith('/dispatches')) {
      if (state.hold !== null) await state.hold;
      state.dispatches.push({ repo, inputs: (JSON.parse(body) as { inputs: Record<string, string> }).inputs });
      return [204, null];
    }
    const issue = Number(/\/issues\/(\d+)\/comments$/.exec(path)?.[1] ?? 0);
    const reply = (c: { id: number; body: string }) => ({
      id: c.id,
      body: c.body,
      user: { login: 'greenlight[bot]', type: 'Bot' },
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
      html_url: `https://ghe.invalid/${repo}/issues/${issue}#issuecomment-${c.id}`,
    });
    if (method === 'POST' && issue > 0) {
      const comment = { id: nextComment++, issue, body: (JSON.parse(body) as { body: string }).body };
      state.comments.push(comment);
      return [201, reply(comment)];
    }
    if (method === 'GET' && issue > 0) return [200, state.comments.filter((c) => c.issue === issue).map(reply)];
    const edited = Number(/\/issues\/comments\/(\d+)$/.exec(path)?.[1] ?? 0);
    if (method === 'PATCH' && edited > 0) {
      const comment = state.comments.find((c) => c.id === edited);
      if (comment === undefined) return [404, { message: 'Not Found' }];
      comment.body = (JSON.parse(body) as { body: string }).body;
      return [200, reply(comment)];
    }
    return [404, { message: `no route for ${method} ${path}` }];
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => void (body += chunk.toString()));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      state.calls.push(`${req.method} ${path}`);
      void (async () => {
        if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
        const [status, reply] = await answer(req.method ?? 'GET', path, body);
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(reply === null ? undefined : JSON.stringify(reply));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.host = `127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(() => state.close());
  return state;
}

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export interface AppProcess {
  child: ChildProcess;
  /** Base URL once listening (`http://127.0.0.1:PORT`). */
  url: string;
  output(): string;
  stderr(): string;
  logs(): LogLine[];
  waitForLog(msg: string, match?: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited(): Promise<number | null>;
}

/** A fresh working directory (where `.env` is read and written), removed after the test. */
export function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-app-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Spawns `npm start`'s entry with `env` (nothing inherited but PATH and HOME). */
export function spawnApp(env: Record<string, string>, cwd = workDir()): Omit<AppProcess, 'url'> {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
  });
  const logs = () =>
    out
      .split('\n')
      .slice(0, -1)
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return {
    child,
    output: () => out + err,
    stderr: () => err,
    logs,
    async waitForLog(msg, match = () => true, timeoutMs = 60_000) {
      let found: LogLine | undefined;
      await until(
        `the log line '${msg}'`,
        () => (found = logs().find((line) => line.msg === msg && match(line))) !== undefined,
        () => out + err,
        timeoutMs,
      );
      return found as LogLine;
    },
    exited: () => exit,
  };
}

/** The env of an App that runs against `github`. */
export function runEnv(github: FakeGitHub, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: '1',
    PRIVATE_KEY,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: 'http',
    NODE_ENV: 'production',
    GREENLIGHT_REDELIVERY_INTERVAL_MINUTES: '0',
    ...extra,
  };
}

/** Starts an App and waits until it listens. */
export async function startApp(env: Record<string, string>, cwd?: string): Promise<AppProcess> {
  const app = spawnApp(env, cwd);
  const line = await app.waitForLog('greenlight App listening');
  return { ...app, url: String(line.url) };
}

/**
 * A labeled-issue delivery for issue `issue` of `repo` (under Codertocat, default
 * Hello-World) from `installation` (default 1).
 */
export function labelDelivery(
  issue: number,
  id = `label-${issue}`,
  repo = 'Hello-World',
  installation = 1,
): { id: string; body: string; event: string } {
  const payload = labeledIssue({ installation });
  payload.issue = { ...payload.issue, number: issue };
  payload.repository = { ...payload.repository, name: repo, full_name: `Codertocat/${repo}` };
  return { id, body: JSON.stringify(payload), event: 'issues' };
}

/** Posts a signed delivery; resolves to the HTTP status (0 when the connection failed). */
export async function deliver(url: string, delivery: { id: string; body: string; event: string }): Promise<number> {
  try {
    const response = await fetch(`${url}/api/github/webhooks`, {
      method: 'POST',
      body: delivery.body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': delivery.event,
        'x-github-delivery': delivery.id,
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`,
      },
    });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}

export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export { cleanups };
