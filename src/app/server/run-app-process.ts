/**
 * The `npm start` process: reads `.env` (the process environment wins) and the
 * settings, then registers the App (no APP_ID) or runs it, logging JSON lines to
 * stdout. SIGTERM or SIGINT shuts it down gracefully (exit 0, or 1 when accepted
 * deliveries were still running at the deadline). Anything wrong at start — a
 * setting, the credentials, an unreachable GitHub or Redis — is ONE line on stderr and
 * exit code 1: never a stack trace, never a registration page in place of the App.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { pino } from 'pino';
import { isGreenlightError } from '../../ports/errors.ts';
import { readAppSettings } from '../app-options.ts';
import { startRegistration } from '../registration/start-registration.ts';
import { runApp } from './run-app.ts';
import { readServerSettings } from './server-settings.ts';

type Env = Readonly<Record<string, string | undefined>>;

function withDotEnv(env: Env, cwd: string): Env {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return env;
  let file: Record<string, string>;
  try {
    file = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new Error(`${path} cannot be read: ${(error as Error).message}`);
  }
  const merged: Record<string, string | undefined> = { ...file };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}

function fail(error: unknown): never {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  process.stderr.write(
    `greenlight app: ${isGreenlightError(error, 'usage') ? message : `could not start: ${message}`}\n`,
  );
  process.exit(1);
}

export async function runAppProcess(processEnv: Env = process.env, cwd = process.cwd()): Promise<void> {
  let stop: () => Promise<boolean>;
  try {
    const env = withDotEnv(processEnv, cwd);
    const settings = readServerSettings(env);
    const app = readAppSettings(env);
    const log = pino({ level: settings.logLevel, base: { name: 'greenlight-app', pid: process.pid } });
    if (settings.credentials === null) {
      const registration = await startRegistration(settings, log, cwd);
      stop = async () => {
        await registration.close();
        return true;
      };
    } else {
      const running = await runApp({ ...settings, credentials: settings.credentials }, app, log);
      stop = running.shutdown;
    }
  } catch (error) {
    fail(error);
  }
  const onSignal = (signal: string) => {
    process.stderr.write(`greenlight app: ${signal}: shutting down\n`);
    void stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      (error: unknown) => fail(error),
    );
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
