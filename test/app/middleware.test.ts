// Through the real HTTP stack: Probot's createNodeMiddleware on a loopback server,
// signed like GitHub signs (X-Hub-Signature-256 = HMAC-SHA256 of the body).
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createNodeMiddleware } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API,
  commentReply,
  labeledIssue,
  mockConfig,
  mockPermission,
  mockToken,
  REPO,
  SECRET,
  testApp,
  testProbot,
  type LogLine,
} from './harness.ts';

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server === null ? resolve() : server.close(() => resolve())));
  server = null;
});

async function start() {
  const logs: LogLine[] = [];
  const probot = testProbot(logs);
  const app = testApp();
  const middleware = await createNodeMiddleware(app.appFn, { probot });
  server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { logs, app, url: `http://127.0.0.1:${port}/api/github/webhooks` };
}

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-github-event': 'issues', ...headers },
  });
  return { status: response.status, text: await response.text() };
}

function mockOneDispatch(): void {
  mockToken();
  mockConfig(null);
  mockPermission('alice', 'write');
  nock(API)
    .post(`${REPO}/issues/1/reactions`)
    .reply(201, {})
    .post(`${REPO}/actions/workflows/greenlight.yml/dispatches`)
    .reply(204)
    .post(`${REPO}/issues/1/comments`)
    .reply(201, commentReply(1, 'ack'));
}

const handled = (logs: LogLine[]) => logs.filter((l) => l.msg === 'delivery handled').length;

describe('webhooks over HTTP (docs/security.md §23–24)', () => {
  it('handles a correctly signed delivery and answers 200 after its small amount of work', async () => {
    const { logs, url } = await start();
    mockOneDispatch();
    const body = JSON.stringify(labeledIssue());
    const response = await post(url, body, { 'x-hub-signature-256': sign(body), 'x-github-delivery': 'd-ok' });
    expect(response).toEqual({ status: 200, text: 'ok\n' });
    expect(handled(logs)).toBe(1);
  });

  it.each([
    [
      'a signature made with another secret',
      (body: string) => ({ 'x-hub-signature-256': sign(body, 'not-the-secret') }),
    ],
    ['a signature of another body', () => ({ 'x-hub-signature-256': sign('{"other":true}') })],
    ['a malformed signature', () => ({ 'x-hub-signature-256': 'sha256=nothex' })],
    ['no signature', () => ({})],
  ])('rejects %s with a 4xx and does nothing', async (_name, headers) => {
    const { logs, app, url } = await start();
    const body = JSON.stringify(labeledIssue());
    const response = await post(url, body, { ...headers(body), 'x-github-delivery': 'd-bad' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(handled(logs)).toBe(0);
    // Not even remembered: a forged request cannot use up a real delivery id.
    expect(await app.deliveries.claim('d-bad')).toBe('new');
  });

  it('handles a delivery id once, however often it arrives; a copy during the first is answered 503', async () => {
    const { logs, url } = await start();
    mockToken();
    mockConfig(null);
    mockPermission('alice', 'write');
    let release: (() => void) | null = null;
    nock(API)
      .post(`${REPO}/issues/1/comments`)
      .reply(201, commentReply(1, 'ack'))
      .post(`${REPO}/issues/1/reactions`)
      .reply(201, {})
      .post(`${REPO}/actions/workflows/greenlight.yml/dispatches`)
      .reply(
        () =>
          new Promise<[number]>((resolve) => {
            release = () => resolve([204]);
          }),
      );
    const body = JSON.stringify(labeledIssue());
    const headers = { 'x-hub-signature-256': sign(body), 'x-github-delivery': 'd-dup' };
    const first = post(url, body, headers);
    while (release === null) await new Promise((resolve) => setTimeout(resolve, 10));
    // The first is still dispatching: a copy now must not be recorded as a success.
    const during = await post(url, body, headers);
    (release as () => void)();
    const after = [await first, await post(url, body, headers)];
    expect([during.status, ...after.map((a) => a.status)]).toEqual([503, 200, 200]);
    expect(handled(logs)).toBe(1);
    expect(logs.filter((l) => l.msg === 'duplicate delivery refused: still being handled')).toHaveLength(1);
    expect(logs.filter((l) => l.msg === 'duplicate delivery ignored')).toHaveLength(1);
  });
});
