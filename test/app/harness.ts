// A real Probot with the greenlight App loaded, GitHub mocked with nock (every mock
// must be used: test/setup/network.ts), retries and throttling off, logs captured.
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot } from 'probot';
import { identityFromSlug } from '../../src/app/app-identity.ts';
import { createGreenlightApp, type GreenlightApp, type GreenlightAppOptions } from '../../src/app/greenlight-app.ts';
import { createInstallationOctokit } from '../../src/app/installation-octokit.ts';
import { webhookExample, type ExamplePayload } from '../fakes/webhook-example.ts';

export const API = 'https://api.github.com';
export const REPO = '/repos/Codertocat/Hello-World';
export const APP_ID = 99;
export const IDENTITY = identityFromSlug(APP_ID, 'greenlight');
export const SECRET = 'test-webhook-secret';
export const HEAD = 'a'.repeat(40);
export const BASE = 'b'.repeat(40);

export const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Harness {
  probot: Probot;
  app: GreenlightApp;
  logs: LogLine[];
  /** Messages logged at `level` or above (30 info, 40 warn, 50 error). */
  messages(level?: number): string[];
  receive(name: string, payload: ExamplePayload, id?: string): Promise<void>;
}

let deliveryCounter = 0;

/** A Probot (retries and throttling off unless `Octokit` says otherwise) whose logs land in `logs`. */
export function testProbot(
  logs: LogLine[],
  Octokit = createInstallationOctokit({ throttle: false, retries: false }),
): Probot {
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  return new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: SECRET, log, Octokit });
}

/** The App's options for tests: known identity, no timers. */
export function testApp(options: GreenlightAppOptions = {}): GreenlightApp {
  return createGreenlightApp({ identity: IDENTITY, queueIntervalMs: null, redelivery: null, ...options });
}

export async function harness(
  options: GreenlightAppOptions = {},
  probotOptions: { Octokit?: ReturnType<typeof createInstallationOctokit> } = {},
): Promise<Harness> {
  const logs: LogLine[] = [];
  const probot = testProbot(logs, probotOptions.Octokit);
  const app = testApp(options);
  await probot.load(app.appFn);
  return {
    probot,
    app,
    logs,
    messages: (level = 30) => logs.filter((l) => l.level >= level).map((l) => l.msg),
    receive: (name, payload, id) =>
      probot.receive({ id: id ?? `delivery-${++deliveryCounter}`, name, payload } as never),
  };
}

/** The installation token Probot asks for once per installation. */
export function mockToken(installationId = 1): void {
  nock(API)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, {
      token: `ghs_installation_${installationId}`,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: {},
      repository_selection: 'all',
    });
}

// ---- payloads ----------------------------------------------------------------------

export function labeledIssue(
  options: { label?: string; sender?: string; senderType?: string; installation?: number } = {},
): ExamplePayload {
  const payload = webhookExample('issues', 'labeled');
  payload.label = { ...payload.label, name: options.label ?? 'ai-generate' };
  payload.sender = { ...payload.sender, login: options.sender ?? 'alice', type: options.senderType ?? 'User' };
  payload.installation = { id: options.installation ?? 1 };
  return payload;
}

export function fixComment(
  options: { body?: string; author?: string; authorType?: string; labels?: string[] } = {},
): ExamplePayload {
  const payload = webhookExample('issue_comment', 'created');
  const author = { ...payload.comment.user, login: options.author ?? 'alice', type: options.authorType ?? 'User' };
  payload.issue = {
    ...payload.issue,
    number: 7,
    pull_request: { url: `${API}${REPO}/pulls/7` },
    labels: (options.labels ?? []).map((name) => ({ name })),
  };
  payload.comment = {
    ...payload.comment,
    id: 555,
    body: options.body ?? '/fix add a test for parseDate',
    user: author,
  };
  payload.sender = author;
  payload.installation = { id: 1 };
  return payload;
}

// ---- GitHub answers ---------------------------------------------------------------

export function mockConfig(yaml: string | null, scope = nock(API)): nock.Scope {
  const request = scope.get(`${REPO}/contents/.github%2Fgreenlight.yml`).query({ ref: 'master' });
  return yaml === null
    ? request.reply(404, { message: 'Not Found' })
    : request.reply(200, {
        type: 'file',
        encoding: 'base64',
        content: Buffer.from(yaml).toString('base64'),
        sha: 'c0ffee',
        size: yaml.length,
      });
}

export function mockPermission(login: string, role: string, scope = nock(API)): nock.Scope {
  const base: Record<string, string> = {
    admin: 'admin',
    maintain: 'write',
    write: 'write',
    triage: 'read',
    read: 'read',
    none: 'none',
  };
  return role === 'none'
    ? scope.get(`${REPO}/collaborators/${encodeURIComponent(login)}/permission`).reply(404, { message: 'Not Found' })
    : scope
        .get(`${REPO}/collaborators/${encodeURIComponent(login)}/permission`)
        .reply(200, { permission: base[role] ?? 'read', role_name: role, user: { login } });
}

export const user = (login: string, type = 'User') => ({ login, type });

export function commentReply(id: number, body: string, login = 'greenlight[bot]') {
  return {
    id,
    body,
    user: user(login, 'Bot'),
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    html_url: `https://github.com/Codertocat/Hello-World/issues/1#issuecomment-${id}`,
  };
}

export function pullRequest(overrides: Record<string, unknown> = {}) {
  return {
    number: 7,
    node_id: 'PR_7',
    title: 'Add tests',
    body: null,
    state: 'open',
    merged: false,
    draft: false,
    user: user('greenlight[bot]', 'Bot'),
    labels: [{ name: 'greenlight' }],
    html_url: 'https://github.com/Codertocat/Hello-World/pull/7',
    head: { sha: HEAD, ref: 'greenlight/issue-1-add-tests', repo: { full_name: 'Codertocat/Hello-World' } },
    base: { sha: BASE, ref: 'master' },
    ...overrides,
  };
}

/** Records request bodies of a mocked call, for assertions on what was sent. */
export function captureBody(bodies: unknown[]) {
  return (body: nock.Body) => {
    bodies.push(body);
    return true;
  };
}
