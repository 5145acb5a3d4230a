/**
 * The App under load (docs/security.md §25): signed `issues.labeled`
 * deliveries (`ai-generate`) from 200 installations, over loopback HTTP at 50 concurrent
 * connections, into Probot's real webhook middleware; GitHub's API is a local server
 * that answers every call after 100 ms. Each delivery makes the same five calls
 * (config, permission, 👀 ∥ acknowledgement, dispatch) in every variant:
 *
 * - greenlight: the App's handlers in this process (per-installation throttling on,
 *   in-memory state), as one `npm start` process runs them;
 * - greenlight ×2 + Redis: two real `npm start` processes sharing a real redis-server
 *   (REDIS_URL: delivery claims, fleet state and rate limiters in Redis), the load spread
 *   over both as a load balancer would;
 * - floor: a minimal Probot app making the same calls with throttling off;
 * - probot defaults: the minimal app with Probot's default client (throttling shared
 *   across installations), fewer deliveries, to show the trap the App avoids.
 *
 * Prints p50/p99 answer times, deliveries/s and dispatch counts; target: greenlight
 * (one process) p99 ≤ 1.2 × floor. The two-process figures are printed against the
 * same floor (each delivery there also pays a few Redis round trips).
 * Bounded (fixed delivery counts, Probot's 9 s answer timeout), loopback only, < 2 min.
 *
 *   node bench/app.bench.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from 'probot';
import { identityFromSlug } from '../src/app/app-identity.ts';
import { createGreenlightApp } from '../src/app/greenlight-app.ts';
import { createInstallationOctokit } from '../src/app/installation-octokit.ts';

const LATENCY_MS = 100;
const CONCURRENCY = 50;
const INSTALLATIONS = 200;
const SECRET = 'bench-secret';
const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

// ---- the fake GitHub API -----------------------------------------------------------

function route(method: string, fullPath: string): { status: number; body?: unknown; kind: string } {
  // The processes of the Redis case call it as GitHub Enterprise Server (GHE_HOST): /api/v3/…
  const path = fullPath.replace(/^\/api\/v3/, '');
  if (method === 'GET' && path === '/app')
    return { kind: 'app', status: 200, body: { id: 1, slug: 'greenlight', name: 'greenlight' } };
  if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
    return {
      kind: 'token',
      status: 201,
      body: { token: 'ghs_bench', expires_at: new Date(Date.now() + 3_600_000).toISOString() },
    };
  }
  if (method === 'GET' && path.includes('/contents/'))
    return { kind: 'config', status: 404, body: { message: 'Not Found' } };
  if (method === 'GET' && path.includes('/collaborators/'))
    return { kind: 'permission', status: 200, body: { permission: 'write', role_name: 'write' } };
  if (method === 'POST' && path.endsWith('/reactions'))
    return { kind: 'reaction', status: 201, body: { id: 1, content: 'eyes' } };
  if (method === 'POST' && path.endsWith('/dispatches')) return { kind: 'dispatch', status: 204 };
  if (method === 'POST' && path.endsWith('/comments')) {
    return {
      kind: 'comment',
      status: 201,
      body: {
        id: 1,
        body: 'ok',
        user: { login: 'greenlight[bot]', type: 'Bot' },
        created_at: 'x',
        updated_at: 'x',
        html_url: 'x',
      },
    };
  }
  return { kind: 'unexpected', status: 404, body: { message: `bench API: no route for ${method} ${path}` } };
}

/** A fake API per variant, so that one variant's background work never counts for another. */
const fakeGitHub =
  (calls: Map<string, number>) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    req.on('end', () => {
      const answer = route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
      calls.set(answer.kind, (calls.get(answer.kind) ?? 0) + 1);
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      }, LATENCY_MS);
    });
  };

// ---- the apps --------------------------------------------------------------------

/** The same calls in the same order as greenlight's label path. */
const floorApp: ApplicationFunction = (app) => {
  app.on('issues.labeled', async (context) => {
    const repo = context.repo();
    const issue = context.payload.issue.number;
    const ref = context.payload.repository.default_branch;
    await context.octokit.rest.repos.getContent({ ...repo, path: '.github/greenlight.yml', ref }).catch(() => null);
    await context.octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repo,
      username: context.payload.sender.login,
    });
    const [, comment] = await Promise.all([
      context.octokit.rest.reactions.createForIssue({ ...repo, issue_number: issue, content: 'eyes' }),
      context.octokit.rest.issues.createComment({ ...repo, issue_number: issue, body: 'dispatched' }),
    ]);
    await context.octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: 'greenlight.yml',
      ref,
      inputs: {
        issue: String(issue),
        requester: context.payload.sender.login,
        progress_comment: String(comment.data.id),
      },
    });
  });
};

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function webhookServer(appFn: ApplicationFunction, Octokit: typeof ProbotOctokit, apiPort: number) {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: SECRET,
    baseUrl: `http://127.0.0.1:${apiPort}`,
    Octokit,
    log: pino({ level: 'error' }, { write: () => {} }),
  });
  const middleware = await createNodeMiddleware(appFn, { probot });
  return listen((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
}

// ---- the load ---------------------------------------------------------------------

function delivery(i: number): { body: string; headers: Record<string, string> } {
  const installation = (i % INSTALLATIONS) + 1;
  const payload = {
    action: 'labeled',
    label: { name: 'ai-generate' },
    issue: { number: i + 1, state: 'open', title: 'Add tests', labels: [{ name: 'ai-generate' }] },
    repository: {
      name: `repo-${i}`,
      full_name: `org-${installation}/repo-${i}`,
      owner: { login: `org-${installation}` },
      default_branch: 'main',
      html_url: `https://github.com/org-${installation}/repo-${i}`,
    },
    sender: { login: 'alice', type: 'User' },
    installation: { id: installation },
  };
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': `bench-${i}-${Math.random()}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
  };
}

function post(agent: Agent, port: number, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/github/webhooks',
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Result {
  name: string;
  n: number;
  p50: number;
  p99: number;
  perSecond: number;
  statuses: Map<number, number>;
  dispatchedAtEnd: number;
}

interface Samples {
  times: number[];
  statuses: Map<number, number>;
  seconds: number;
  n: number;
  dispatched: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface Variant {
  /** Deliveries go round-robin over these (one port: one process). */
  ports: number[];
  calls: Map<string, number>;
}

/** Sends `n` deliveries at CONCURRENCY; adds the answer times to `into`. */
async function send(variant: Variant, n: number, into: Samples): Promise<void> {
  const { ports, calls } = variant;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const before = calls.get('dispatch') ?? 0;
  const offset = into.n;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const { body, headers } = delivery(offset + i);
        const t0 = performance.now();
        const status = await post(agent, ports[i % ports.length] ?? 0, body, headers);
        into.times.push(performance.now() - t0);
        into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  into.n += n;
  into.dispatched += (calls.get('dispatch') ?? 0) - before;
  agent.destroy();
}

const emptySamples = (): Samples => ({ times: [], statuses: new Map(), seconds: 0, n: 0, dispatched: 0 });

function result(name: string, samples: Samples): Result {
  const sorted = [...samples.times].sort((a, b) => a - b);
  return {
    name,
    n: samples.n,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    perSecond: samples.n / samples.seconds,
    statuses: samples.statuses,
    dispatchedAtEnd: samples.dispatched,
  };
}

function show(r: Result): string {
  const statuses = [...r.statuses].map(([s, c]) => `${c}×${s}`).join(' ');
  return (
    `${r.name.padEnd(22)} ${String(r.n).padStart(5)}  p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99.toFixed(0).padStart(5)} ms  ` +
    `${r.perSecond.toFixed(1).padStart(6)} deliveries/s  answers: ${statuses}  dispatched by the last answer: ${r.dispatchedAtEnd}/${r.n}`
  );
}

async function variant(
  appFn: ApplicationFunction,
  Octokit: typeof ProbotOctokit,
): Promise<Variant & { servers: Server[] }> {
  const calls = new Map<string, number>();
  const api = await listen(fakeGitHub(calls));
  const webhooks = await webhookServer(appFn, Octokit, api.port);
  return { ports: [webhooks.port], calls, servers: [api.server, webhooks.server] };
}

// ---- two App processes sharing a real Redis ----------------------------------------

async function freePort(): Promise<number> {
  const { server, port } = await listen(() => {});
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** redis-server (Debian's package) on a free port, no persistence, in a temp dir. */
async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', (error) =>
      reject(new Error(`bench: redis-server could not start (apt-get install redis-server): ${error.message}`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
  });
  child.stdout?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Two `npm start` processes (src/app/main.ts) on one Redis, against their own fake API. */
async function redisVariant(): Promise<Variant & { servers: Server[]; children: ChildProcess[]; stop(): void }> {
  const calls = new Map<string, number>();
  const api = await listen(fakeGitHub(calls));
  const redis = await startRedis();
  const ports = [await freePort(), await freePort()];
  const main = new URL('../src/app/main.ts', import.meta.url).pathname;
  const children = ports.map((port) =>
    spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        APP_ID: '1',
        PRIVATE_KEY,
        WEBHOOK_SECRET: SECRET,
        GHE_HOST: `127.0.0.1:${api.port}`,
        GHE_PROTOCOL: 'http',
        HOST: '127.0.0.1',
        PORT: String(port),
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        GREENLIGHT_REDELIVERY_INTERVAL_MINUTES: '0',
      },
      cwd: tmpdir(),
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  for (const port of ports)
    await waitFor(
      `the App on port ${port}`,
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
    );
  return {
    ports,
    calls,
    servers: [api.server],
    children,
    stop() {
      for (const child of children) child.kill('SIGTERM');
      redis.stop();
    },
  };
}

const greenlight = createGreenlightApp({
  identity: identityFromSlug(1, 'greenlight'),
  queueIntervalMs: null,
  redelivery: null,
});
const gl = await variant(greenlight.appFn, createInstallationOctokit({ throttle: {} }));
// Throttling off needs the function form: Probot's own defaults override a plain object's `throttle`.
const floor = await variant(
  floorApp,
  ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    throttle: { enabled: false },
    retry: { enabled: false },
  })),
);
const trap = await variant(floorApp, ProbotOctokit);
const shared = await redisVariant();

console.log(
  `${CONCURRENCY} concurrent connections, ${INSTALLATIONS} installations, GitHub API latency ${LATENCY_MS} ms, 5 API calls per delivery (+1 token per installation)`,
);
// Warm-up: every installation's token, in both. Then rounds alternate between the two,
// so that a change in background load on the machine hits both alike.
await send(gl, INSTALLATIONS, emptySamples());
await send(floor, INSTALLATIONS, emptySamples());
await send(shared, INSTALLATIONS, emptySamples());
const floorSamples = emptySamples();
const glSamples = emptySamples();
const sharedSamples = emptySamples();
for (let round = 0; round < 4; round++) {
  await send(floor, 250, floorSamples);
  await send(gl, 250, glSamples);
  await send(shared, 250, sharedSamples);
}
const trapSamples = emptySamples();
await send(trap, 50, trapSamples);
const results = [
  result('floor', floorSamples),
  result('greenlight', glSamples),
  result('greenlight ×2 + Redis', sharedSamples),
  result('probot defaults', trapSamples),
];
for (const r of results) console.log(show(r));
const [floorResult, glResult, sharedResult] = results as [Result, Result, Result];
const ratio = glResult.p99 / floorResult.p99;
const allOk =
  [floorResult, glResult, sharedResult].every((r) => r.statuses.get(200) === r.n && r.dispatchedAtEnd === r.n) &&
  [gl, floor, shared].every((v) => (v.calls.get('unexpected') ?? 0) === 0);
const ok = ratio <= 1.2 && allOk;
console.log(
  `greenlight ×2 + Redis p50 / floor p50 = ${(sharedResult.p50 / floorResult.p50).toFixed(2)}, p99 / floor p99 = ${(sharedResult.p99 / floorResult.p99).toFixed(2)} (two processes on two cores with the load generator and Redis; no target)`,
);
console.log(
  `greenlight p99 / floor p99 = ${ratio.toFixed(2)} (target ≤ 1.2)${allOk ? '' : '; NOT every delivery was answered 200 and dispatched'} ${ok ? 'ok' : 'FAIL'}`,
);

for (const server of [gl, floor, trap, shared].flatMap((v) => v.servers)) server.closeAllConnections();
shared.stop();
greenlight.stop();
process.exit(ok ? 0 : 1);
