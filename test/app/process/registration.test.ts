// Registering the App as a new user would, in a real headless browser (Debian's
// Chromium, driven by playwright-core): `npm start` without APP_ID serves the
// registration page; its button posts the manifest to GitHub's "new App" form — here a
// local stand-in for GitHub Enterprise Server (GHE_HOST) — which must receive app.yml's
// manifest exactly (apostrophes and all) with the webhook proxy's URL; GitHub's
// redirect brings the code back, the App exchanges it, and the credentials land in
// `.env`, with which the next `npm start` runs the App and takes deliveries through the
// webhook proxy (smee-client).
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { appManifest } from '../../../src/app/registration/app-manifest.ts';
import { labeledIssue, PRIVATE_KEY } from '../harness.ts';
import { spawnApp, until, workDir } from './harness.ts';
import { requireTool } from '../../setup/require-tool.ts';

const haveChromium = await requireTool('chromium');

const CHROMIUM = '/usr/bin/chromium';
const APP_YML = readFileSync(new URL('../../../app.yml', import.meta.url), 'utf8');

let browser: BrowserContext | null = null;
let profile: string | null = null;
afterEach(async () => {
  await browser?.close();
  browser = null;
  if (profile !== null) rmSync(profile, { recursive: true, force: true });
  profile = null;
});

/** Chromium with a fresh profile (Playwright passes it as --user-data-dir). */
async function launch(): Promise<BrowserContext> {
  profile = mkdtempSync(join(tmpdir(), 'greenlight-chromium-'));
  const args = [
    '--headless',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    return await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args,
      timeout: 60_000,
    });
  } catch (error) {
    throw new Error(`Chromium could not start (apt-get install chromium): ${(error as Error).message}`);
  }
}

/** GitHub's side of the manifest flow, its API for the App, and a smee-like event stream. */
async function standIn() {
  const received: { manifest: string | null; state: string | null } = { manifest: null, state: null };
  const streams: ServerResponse[] = [];
  const calls: string[] = [];
  let base = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => void (body += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push(`${req.method} ${url.pathname}`);
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method === 'POST' && url.pathname === '/settings/apps/new') {
        // GitHub's form: creates the App from the manifest, then sends the browser back with a code.
        const form = new URLSearchParams(body);
        received.manifest = form.get('manifest');
        received.state = url.searchParams.get('state');
        const redirect = (JSON.parse(received.manifest ?? '{}') as { redirect_url: string }).redirect_url;
        res.writeHead(302, { location: `${redirect}?code=c0de&state=${received.state ?? ''}` }).end();
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/v3/app-manifests/c0de/conversions')
        return json(201, {
          id: 4242,
          slug: 'greenlight-test',
          name: 'greenlight',
          pem: `${PRIVATE_KEY}\n`,
          webhook_secret: 'whsec-from-github',
          client_id: 'Iv1.0123456789abcdef',
          client_secret: 'client-secret-from-github',
          html_url: `${base}/apps/greenlight-test`,
        });
      if (req.method === 'GET' && url.pathname === '/api/v3/app')
        return json(200, { id: 4242, slug: 'greenlight-test', name: 'greenlight' });
      if (req.method === 'GET' && url.pathname === '/api/v3/app/hook/deliveries') return json(200, []);
      if (req.method === 'POST' && /access_tokens$/.test(url.pathname))
        return json(201, { token: 'ghs_x', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
      if (req.method === 'GET' && url.pathname.includes('/contents/')) return json(404, { message: 'Not Found' });
      if (req.method === 'GET' && url.pathname === '/smee-channel') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        });
        res.write(': ready\n\n');
        streams.push(res);
        return;
      }
      json(404, { message: `no route for ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    base,
    received,
    calls,
    streams,
    /** Sends a delivery down the event stream, as smee.io does. */
    push(data: Record<string, unknown>) {
      for (const stream of streams) stream.write(`event: message\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.runIf(haveChromium)('registering the App through the manifest flow', () => {
  it('submits the exact manifest from a real browser, writes the credentials to .env, and then runs with them', async () => {
    const github = await standIn();
    const cwd = workDir();
    const proxy = `${github.base}/smee-channel`;
    const registering = spawnApp({ GHE_HOST: github.host, GHE_PROTOCOL: 'http', WEBHOOK_PROXY_URL: proxy }, cwd);
    const page_ = await registering.waitForLog('no APP_ID yet: open the registration page to register the GitHub App');
    const origin = String(page_.url).replace(/\/$/, '').replace('localhost', '127.0.0.1');

    browser = await launch();
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.click('#register');
    await page.waitForSelector('#registered', { timeout: 60_000 });
    expect(await page.textContent('#registered')).toBe('greenlight is registered');
    expect(await page.getAttribute('a', 'href')).toBe(`${github.base}/apps/greenlight-test/installations/new`);

    // The manifest arrived whole: every character of app.yml, and this server's URLs.
    const expected = appManifest(APP_YML, { webhookUrl: proxy, redirectUrl: `${origin}/setup/callback` });
    expect(JSON.parse(github.received.manifest ?? 'null')).toEqual(expected);
    expect(String(expected.description)).toContain("the repository's greenlight workflow");
    expect(github.received.manifest).toContain("repository's");
    expect(expected.hook_attributes.url).toBe(proxy);

    const envFile = join(cwd, '.env');
    await until('.env', () => {
      try {
        return parseEnv(readFileSync(envFile, 'utf8')).APP_ID === '4242';
      } catch {
        return false;
      }
    });
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(parseEnv(readFileSync(envFile, 'utf8'))).toEqual({
      WEBHOOK_PROXY_URL: proxy,
      APP_ID: '4242',
      PRIVATE_KEY: PRIVATE_KEY.trim(),
      WEBHOOK_SECRET: 'whsec-from-github',
      GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
      GITHUB_CLIENT_SECRET: 'client-secret-from-github',
    });
    registering.child.kill('SIGTERM');
    expect(await registering.exited()).toBe(0);

    // The next start reads .env: it is the App now, fed through the webhook proxy.
    const running = spawnApp({ GHE_HOST: github.host, GHE_PROTOCOL: 'http', LOG_LEVEL: 'debug' }, cwd);
    const listening = await running.waitForLog('greenlight App listening');
    expect(listening).toMatchObject({ app: 'greenlight-test' });
    await running.waitForLog('forwarding deliveries from the webhook proxy');
    await until('the proxy to connect', () => github.streams.length > 0);
    const payload = labeledIssue({ label: 'bug' });
    const body = JSON.stringify(payload);
    github.push({
      'x-github-event': 'issues',
      'x-github-delivery': 'via-proxy-1',
      'x-hub-signature-256': `sha256=${createHmac('sha256', 'whsec-from-github').update(body).digest('hex')}`,
      body: payload,
      query: {},
    });
    const handled = await running.waitForLog('delivery handled');
    expect(handled).toMatchObject({ delivery: 'via-proxy-1', outcome: { kind: 'ignored' } });
    running.child.kill('SIGTERM');
    expect(await running.exited()).toBe(0);
    await github.close();
  }, 180_000);

  it('refuses a callback that does not carry its state', async () => {
    const cwd = workDir();
    const registering = spawnApp({ GHE_HOST: '127.0.0.1:9', GHE_PROTOCOL: 'http', NO_SMEE_SETUP: 'true' }, cwd);
    const line = await registering.waitForLog('no APP_ID yet: open the registration page to register the GitHub App');
    const origin = String(line.url).replace(/\/$/, '');
    const response = await fetch(`${origin}/setup/callback?code=c0de&state=forged`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This link does not come from this registration.');
    const page = await (await fetch(`${origin}/`)).text();
    expect(page).toContain('GitHub cannot deliver webhooks to http://');
    expect((await fetch(`${origin}/readyz`)).status).toBe(503);
  }, 60_000);
});
