import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerSettings } from '../../src/app/server/server-settings.ts';
import { isGreenlightError } from '../../src/ports/errors.ts';
import { PRIVATE_KEY } from './harness.ts';

const RUN = { APP_ID: '12', PRIVATE_KEY, WEBHOOK_SECRET: 's' };

describe('readServerSettings', () => {
  it('registers without APP_ID in development, with github.com defaults', () => {
    const settings = readServerSettings({});
    expect(settings).toMatchObject({
      credentials: null,
      host: '0.0.0.0',
      port: 3000,
      webhookPath: '/api/github/webhooks',
      github: { webUrl: 'https://github.com', apiUrl: 'https://api.github.com' },
      redisUrl: null,
      logLevel: 'info',
      shutdownTimeoutMs: 25_000,
      smeeSetup: true,
    });
  });

  it('reads credentials, GHES, Redis and the server settings', () => {
    const settings = readServerSettings({
      ...RUN,
      GHE_HOST: 'ghe.example.com',
      REDIS_URL: 'redis://redis:6379',
      PORT: '8080',
      WEBHOOK_PROXY_URL: 'https://smee.io/abc/',
      LOG_LEVEL: 'DEBUG',
      GREENLIGHT_SHUTDOWN_TIMEOUT_SECONDS: '50',
    });
    expect(settings).toMatchObject({
      credentials: { appId: 12, privateKey: PRIVATE_KEY.trim(), webhookSecret: 's' },
      github: { webUrl: 'https://ghe.example.com', apiUrl: 'https://ghe.example.com/api/v3' },
      redisUrl: 'redis://redis:6379',
      port: 8080,
      webhookProxyUrl: 'https://smee.io/abc',
      logLevel: 'debug',
      shutdownTimeoutMs: 50_000,
    });
  });

  it.each([
    ['with escaped newlines (one line in an env file)', PRIVATE_KEY.trim().replace(/\n/g, '\\n')],
    ['base64-encoded', Buffer.from(PRIVATE_KEY).toString('base64')],
  ])('accepts a private key %s', (_name, key) => {
    expect(readServerSettings({ ...RUN, PRIVATE_KEY: key }).credentials?.privateKey).toBe(PRIVATE_KEY.trim());
  });

  it('reads the key from PRIVATE_KEY_PATH', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'greenlight-key-')), 'app.pem');
    writeFileSync(path, PRIVATE_KEY);
    const env = { APP_ID: '12', PRIVATE_KEY_PATH: path, WEBHOOK_SECRET: 's' };
    expect(readServerSettings(env).credentials?.privateKey).toBe(PRIVATE_KEY.trim());
  });

  it.each([
    [{ APP_ID: 'greenlight' }, "APP_ID must be the App's numeric id, got 'greenlight'."],
    [
      { APP_ID: '12' },
      'APP_ID is set but the private key is missing: set PRIVATE_KEY (the PEM text) or PRIVATE_KEY_PATH (its file).',
    ],
    [
      { ...RUN, PRIVATE_KEY_PATH: '/nonexistent/key.pem', PRIVATE_KEY: '' },
      'PRIVATE_KEY_PATH /nonexistent/key.pem cannot be read (ENOENT).',
    ],
    [
      { ...RUN, WEBHOOK_SECRET: '' },
      "WEBHOOK_SECRET is not set: without it no delivery's signature can be checked. Set it to the App's webhook secret.",
    ],
    [
      { PRIVATE_KEY },
      "APP_ID is not set, but PRIVATE_KEY is: set APP_ID to the App's id (its settings page shows it).",
    ],
    [
      { NODE_ENV: 'production' },
      'APP_ID is not set: set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET (register the App first by running it once without NODE_ENV=production).',
    ],
    [
      { GHE_HOST: 'https://ghe.example.com' },
      "GHE_HOST must be a host name such as ghe.example.com (no scheme or path), got 'https://ghe.example.com'.",
    ],
    [{ GHE_PROTOCOL: 'ftp' }, "GHE_PROTOCOL must be 'https' or 'http', got 'ftp'."],
    [{ PORT: 'eighty' }, "PORT must be a whole number from 0 to 65535, got 'eighty'."],
    [{ WEBHOOK_PROXY_URL: 'smee.io/abc' }, "WEBHOOK_PROXY_URL must be an http(s) URL, got 'smee.io/abc'."],
    [{ LOG_LEVEL: 'loud' }, "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got 'loud'."],
    [
      { LOG_FORMAT: 'pretty' },
      "LOG_FORMAT: the App writes JSON lines only, got 'pretty'. Unset it, or pipe the output through pino-pretty to read it.",
    ],
  ])('refuses %j with one line', (env, message) => {
    try {
      readServerSettings(env);
      throw new Error('expected a usage error');
    } catch (error) {
      expect(isGreenlightError(error, 'usage')).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });

  it('names a key that is not an RSA private key', () => {
    expect(() =>
      readServerSettings({ ...RUN, PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }),
    ).toThrow(/^PRIVATE_KEY is not the App's private key \(an RSA key in PEM format, as GitHub downloads it\): /);
  });
});
