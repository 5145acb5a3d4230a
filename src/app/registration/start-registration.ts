/**
 * `npm start` without APP_ID (never in production): registers the App through
 * GitHub's App-manifest flow.
 *
 * 1. `GET /` serves the page whose button posts the manifest (app-manifest.ts) to
 *    GitHub's "new App" form, with a one-time `state`.
 * 2. GitHub creates the App and sends the browser to `GET /setup/callback?code&state`.
 * 3. The code is exchanged (`POST /app-manifests/{code}/conversions`, within the hour
 *    GitHub allows) for the App's id, private key and webhook secret, which are written
 *    to `.env` in the working directory; the page links to the App's installation.
 *
 * The webhook URL is WEBHOOK_PROXY_URL, else GREENLIGHT_PUBLIC_URL + WEBHOOK_PATH; in
 * development without either, a smee.io channel is made (and kept in `.env`), as Probot
 * does. GHE_HOST / GHE_PROTOCOL point all of it at GitHub Enterprise Server; GH_ORG
 * registers the App in an organization.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppLog } from '../app-log.ts';
import type { ServerSettings } from '../server/server-settings.ts';
import { createProxyChannel } from '../server/webhook-proxy.ts';
import { appManifest } from './app-manifest.ts';
import { renderErrorPage, renderRegisteredPage, renderRegistrationPage } from './registration-page.ts';
import { writeEnvFile } from './write-env-file.ts';

const APP_YML = new URL('../../../app.yml', import.meta.url);

export interface Registration {
  url: string;
  close(): Promise<void>;
}

interface Conversion {
  id: number;
  slug?: string;
  name: string;
  pem: string;
  webhook_secret: string;
  client_id?: string;
  client_secret?: string;
  html_url: string;
}

const html = (res: ServerResponse, status: number, body: string) =>
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);

async function exchangeCode(apiUrl: string, code: string): Promise<Conversion> {
  const response = await fetch(`${apiUrl}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: 'POST',
    headers: { accept: 'application/vnd.github+json', 'user-agent': 'greenlight-app-registration' },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`GitHub answered ${response.status} to the code exchange: ${text.slice(0, 300)}`);
  const data = JSON.parse(text) as Partial<Conversion>;
  if (typeof data.id !== 'number' || typeof data.pem !== 'string' || typeof data.webhook_secret !== 'string')
    throw new Error('GitHub answered the code exchange without an id, private key and webhook secret');
  return data as Conversion;
}

export async function startRegistration(
  settings: ServerSettings,
  log: AppLog,
  cwd = process.cwd(),
): Promise<Registration> {
  const envFile = join(cwd, '.env');
  const state = randomBytes(16).toString('hex');
  let proxyUrl = settings.webhookProxyUrl;
  if (proxyUrl === null && settings.publicUrl === null && settings.smeeSetup) {
    proxyUrl = await createProxyChannel(log);
    if (proxyUrl !== null) writeEnvFile(envFile, { WEBHOOK_PROXY_URL: proxyUrl });
  }
  const appYml = readFileSync(APP_YML, 'utf8');
  const formBase = `${settings.github.webUrl}${settings.org === null ? '' : `/organizations/${encodeURIComponent(settings.org)}`}/settings/apps/new`;
  let registered: Conversion | null = null;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://registration.invalid');
    const origin = settings.publicUrl ?? `http://${req.headers.host ?? `localhost:${settings.port}`}`;
    if (req.method === 'GET' && url.pathname === '/healthz')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}\n');
    if (req.method === 'GET' && url.pathname === '/readyz')
      return void res
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"status":"not ready","checks":{"credentials":"not registered yet: open the registration page"}}\n');
    if (req.method === 'GET' && url.pathname === '/') {
      const webhookUrl = proxyUrl ?? `${origin}${settings.webhookPath}`;
      const manifest = appManifest(appYml, { webhookUrl, redirectUrl: `${origin}/setup/callback` });
      const local = proxyUrl === null && /\/\/(localhost|127\.|\[::1\])/.test(webhookUrl);
      return html(
        res,
        200,
        renderRegistrationPage({
          manifest,
          formAction: `${formBase}?state=${state}`,
          warning: local
            ? `GitHub cannot deliver webhooks to ${webhookUrl}. Set WEBHOOK_PROXY_URL (a smee.io channel) or GREENLIGHT_PUBLIC_URL and restart before registering.`
            : null,
        }),
      );
    }
    if (req.method === 'GET' && url.pathname === '/setup/callback') {
      const code = url.searchParams.get('code');
      if (registered !== null)
        return html(
          res,
          200,
          renderRegisteredPage({
            name: registered.name,
            installUrl: `${registered.html_url}/installations/new`,
            envFile,
          }),
        );
      if (url.searchParams.get('state') !== state || code === null || !/^[A-Za-z0-9_-]{1,100}$/.test(code)) {
        return html(
          res,
          400,
          renderErrorPage(`This link does not come from this registration. Start again at ${origin}/.`),
        );
      }
      void exchangeCode(settings.github.apiUrl, code).then(
        (app) => {
          writeEnvFile(envFile, {
            APP_ID: String(app.id),
            PRIVATE_KEY: app.pem.trim(),
            WEBHOOK_SECRET: app.webhook_secret,
            ...(app.client_id === undefined ? {} : { GITHUB_CLIENT_ID: app.client_id }),
            ...(app.client_secret === undefined ? {} : { GITHUB_CLIENT_SECRET: app.client_secret }),
            ...(proxyUrl === null ? {} : { WEBHOOK_PROXY_URL: proxyUrl }),
          });
          registered = app;
          log.info(
            { app: app.slug ?? app.name, appId: app.id, envFile, install: `${app.html_url}/installations/new` },
            'GitHub App registered; its credentials are in .env: install it, then restart to run it',
          );
          html(
            res,
            200,
            renderRegisteredPage({ name: app.name, installUrl: `${app.html_url}/installations/new`, envFile }),
          );
        },
        (error: unknown) => {
          log.error({ err: { message: (error as Error).message } }, 'GitHub App registration failed');
          html(res, 502, renderErrorPage(`${(error as Error).message}. Start again at ${origin}/.`));
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${settings.port} is already in use: set PORT to a free port`)
          : error,
      ),
    );
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${port}/`;
  log.info(
    { url, github: settings.github.webUrl, webhookUrl: proxyUrl ?? settings.publicUrl },
    'no APP_ID yet: open the registration page to register the GitHub App',
  );
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
