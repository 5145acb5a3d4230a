/**
 * How `npm start` runs, from its environment (after `.env`): register the App (no
 * APP_ID yet) or run it. Every value is checked here; a wrong or missing one is a
 * `GreenlightError('usage')` whose one-line message names the variable and what to
 * do, so that a broken deployment stops at start instead of looking healthy.
 *
 * | variable | default | |
 * | --- | --- | --- |
 * | `APP_ID`, `PRIVATE_KEY` / `PRIVATE_KEY_PATH`, `WEBHOOK_SECRET` | – | the App's credentials; without APP_ID the registration page starts (never in production) |
 * | `HOST`, `PORT` | `0.0.0.0`, `3000` | where the server listens (`PORT=0`: any free port) |
 * | `WEBHOOK_PATH` | `/api/github/webhooks` | where GitHub posts deliveries |
 * | `WEBHOOK_PROXY_URL` | – | a smee.io channel forwarding deliveries to this server (development) |
 * | `GREENLIGHT_PUBLIC_URL` | – | the address GitHub reaches this server at; at registration the webhook URL is built from it |
 * | `GHE_HOST`, `GHE_PROTOCOL` | github.com, `https` | GitHub Enterprise Server |
 * | `GH_ORG` | – | register the App in this organization instead of the user's account |
 * | `NO_SMEE_SETUP` | – | `true`: registration makes no smee.io channel |
 * | `REDIS_URL` | – | share state with other App processes through Redis |
 * | `LOG_LEVEL` | `info` | `trace` … `fatal` |
 * | `GREENLIGHT_SHUTDOWN_TIMEOUT_SECONDS` | `25` | how long SIGTERM waits for accepted deliveries |
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GreenlightError } from '../../ports/errors.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface GitHubHost {
  /** `https://github.com` or `https://ghe.example.com`. */
  webUrl: string;
  /** `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiUrl: string;
}

export interface Credentials {
  appId: number;
  privateKey: string;
  webhookSecret: string;
}

export interface ServerSettings {
  host: string;
  port: number;
  webhookPath: string;
  webhookProxyUrl: string | null;
  publicUrl: string | null;
  github: GitHubHost;
  org: string | null;
  redisUrl: string | null;
  logLevel: string;
  shutdownTimeoutMs: number;
  /** Null: registration mode. */
  credentials: Credentials | null;
  production: boolean;
  /** Registration may make a smee.io channel (development, NO_SMEE_SETUP not `true`). */
  smeeSetup: boolean;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

function value(env: Env, name: string): string | null {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? null : text;
}

const usage = (message: string) => new GreenlightError('usage', message);

function httpUrl(env: Env, name: string): string | null {
  const text = value(env, name);
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`${name} must be an http(s) URL, got '${text}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usage(`${name} must be an http(s) URL, got '${text}'.`);
  return text.replace(/\/+$/, '');
}

/** The PEM text of PRIVATE_KEY (escaped newlines and base64 accepted) or PRIVATE_KEY_PATH. */
function privateKey(env: Env): string | null {
  const path = value(env, 'PRIVATE_KEY_PATH');
  let text = env.PRIVATE_KEY?.trim() ?? '';
  let from = 'PRIVATE_KEY';
  if (text === '' && path !== null) {
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw usage(`PRIVATE_KEY_PATH ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    from = `PRIVATE_KEY_PATH ${path}`;
  }
  if (text === '') return null;
  text = text.replace(/\\n/g, '\n');
  if (!text.includes('-----BEGIN') && /^[A-Za-z0-9+/=\s]+$/.test(text))
    text = Buffer.from(text, 'base64').toString('utf8').trim();
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`a ${key.asymmetricKeyType ?? 'non-RSA'} key`);
  } catch (error) {
    throw usage(
      `${from} is not the App's private key (an RSA key in PEM format, as GitHub downloads it): ${(error as Error).message.split('\n')[0]}.`,
    );
  }
  return text;
}

function credentials(env: Env, production: boolean): Credentials | null {
  const appIdText = value(env, 'APP_ID');
  if (appIdText === null) {
    const stray = ['PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET'].find((name) => value(env, name) !== null);
    if (stray !== undefined)
      throw usage(`APP_ID is not set, but ${stray} is: set APP_ID to the App's id (its settings page shows it).`);
    if (production)
      throw usage(
        'APP_ID is not set: set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET (register the App first by running it once without NODE_ENV=production).',
      );
    return null;
  }
  if (!/^[1-9]\d{0,15}$/.test(appIdText)) throw usage(`APP_ID must be the App's numeric id, got '${appIdText}'.`);
  const key = privateKey(env);
  if (key === null)
    throw usage(
      'APP_ID is set but the private key is missing: set PRIVATE_KEY (the PEM text) or PRIVATE_KEY_PATH (its file).',
    );
  const webhookSecret = value(env, 'WEBHOOK_SECRET');
  if (webhookSecret === null)
    throw usage(
      "WEBHOOK_SECRET is not set: without it no delivery's signature can be checked. Set it to the App's webhook secret.",
    );
  return { appId: Number(appIdText), privateKey: key, webhookSecret };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = value(env, name);
  if (text === null) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw usage(`${name} must be a whole number from ${min} to ${max}, got '${text}'.`);
  return Number(text);
}

export function readServerSettings(env: Env): ServerSettings {
  const production = env.NODE_ENV === 'production';
  const protocol = value(env, 'GHE_PROTOCOL') ?? 'https';
  if (protocol !== 'http' && protocol !== 'https')
    throw usage(`GHE_PROTOCOL must be 'https' or 'http', got '${protocol}'.`);
  const gheHost = value(env, 'GHE_HOST');
  if (gheHost !== null && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(gheHost))
    throw usage(`GHE_HOST must be a host name such as ghe.example.com (no scheme or path), got '${gheHost}'.`);
  const webhookPath = value(env, 'WEBHOOK_PATH') ?? '/api/github/webhooks';
  if (!webhookPath.startsWith('/')) throw usage(`WEBHOOK_PATH must start with '/', got '${webhookPath}'.`);
  const logLevel = (value(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LEVELS.includes(logLevel)) throw usage(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got '${logLevel}'.`);
  const logFormat = value(env, 'LOG_FORMAT');
  if (logFormat !== null && logFormat !== 'json')
    throw usage(
      `LOG_FORMAT: the App writes JSON lines only, got '${logFormat}'. Unset it, or pipe the output through pino-pretty to read it.`,
    );
  const redisUrl = value(env, 'REDIS_URL');
  return {
    host: value(env, 'HOST') ?? '0.0.0.0',
    port: integer(env, 'PORT', 3000, 0, 65535),
    webhookPath,
    webhookProxyUrl: httpUrl(env, 'WEBHOOK_PROXY_URL'),
    publicUrl: httpUrl(env, 'GREENLIGHT_PUBLIC_URL'),
    github:
      gheHost === null
        ? { webUrl: 'https://github.com', apiUrl: 'https://api.github.com' }
        : { webUrl: `${protocol}://${gheHost}`, apiUrl: `${protocol}://${gheHost}/api/v3` },
    org: value(env, 'GH_ORG'),
    redisUrl,
    logLevel,
    shutdownTimeoutMs: integer(env, 'GREENLIGHT_SHUTDOWN_TIMEOUT_SECONDS', 25, 1, 3600) * 1000,
    credentials: credentials(env, production),
    production,
    smeeSetup: !production && env.NO_SMEE_SETUP !== 'true',
  };
}
