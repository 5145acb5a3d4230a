/**
 * Runs the App (APP_ID is set): state store, credentials proven, Probot with the
 * greenlight handlers, the HTTP server with its probes, the webhook proxy when
 * WEBHOOK_PROXY_URL is set — and the graceful shutdown that SIGTERM starts: stop
 * taking deliveries, finish the ones accepted (and the queued dispatches begun), then
 * close the store.
 */
import { Probot } from 'probot';
import type { AppClient } from '../app-identity.ts';
import type { AppLog } from '../app-log.ts';
import type { AppSettings } from '../app-options.ts';
import { createGreenlightApp } from '../greenlight-app.ts';
import {
  createInstallationOctokit,
  DEFAULT_NOTIFICATION_BUCKET,
  DEFAULT_WRITE_BUCKET,
} from '../installation-octokit.ts';
import type { AppState } from '../state/app-state.ts';
import { createMemoryAppState } from '../state/memory-app-state.ts';
import { createRedisAppState } from '../state/redis-app-state.ts';
import { createAppServer, type CheckResult } from './app-server.ts';
import { checkCredentials } from './check-credentials.ts';
import type { Credentials, ServerSettings } from './server-settings.ts';
import { startWebhookProxy } from './webhook-proxy.ts';
import type { Logger } from 'pino';

export interface RunningApp {
  /** `http://127.0.0.1:3000`. */
  url: string;
  /** Graceful shutdown; resolves false when accepted deliveries were still running at the deadline. */
  shutdown(): Promise<boolean>;
}

/** How often the credentials are proven again for readiness (a revoked key shows up here). */
const RECHECK_MS = 5 * 60_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function runApp(
  settings: ServerSettings & { credentials: Credentials },
  app: AppSettings,
  log: Logger,
): Promise<RunningApp> {
  const appLog: AppLog = log;
  const state: AppState =
    settings.redisUrl === null
      ? createMemoryAppState(app.fleetPolicy)
      : await createRedisAppState({ url: settings.redisUrl, policy: app.fleetPolicy, log: appLog });
  let stateClosed = false;
  const closeState = async () => {
    if (!stateClosed) await state.close();
    stateClosed = true;
  };
  try {
    const throttle = app.octokit.throttle;
    const Octokit = createInstallationOctokit({
      ...app.octokit,
      throttle:
        throttle === false
          ? false
          : {
              limiters: {
                write: state.limiter('write', throttle.write ?? DEFAULT_WRITE_BUCKET),
                notifications: state.limiter('notifications', throttle.notifications ?? DEFAULT_NOTIFICATION_BUCKET),
              },
            },
    });
    const { appId, privateKey, webhookSecret } = settings.credentials;
    const probot = new Probot({
      appId,
      privateKey,
      secret: webhookSecret,
      baseUrl: settings.github.apiUrl,
      log,
      Octokit,
    });
    const appOctokit = async () => (await probot.auth()) as unknown as AppClient;
    const identity = await checkCredentials(await appOctokit(), appId, settings.github.apiUrl);
    let credentials: CheckResult = { ok: true };
    const recheck = setInterval(() => {
      void appOctokit()
        .then((octokit) => checkCredentials(octokit, appId, settings.github.apiUrl))
        .then(
          () => (credentials = { ok: true }),
          (error: unknown) => {
            credentials = { ok: false, problem: (error as Error).message };
            appLog.error({ err: { message: (error as Error).message } }, 'the App credentials no longer work');
          },
        );
    }, RECHECK_MS);
    recheck.unref();

    const greenlight = createGreenlightApp({
      ...app.app,
      identity,
      store: state.fleet,
      deliveries: state.deliveries,
    });
    await probot.load(greenlight.appFn);
    const middleware = await probot.getNodeMiddleware({ path: settings.webhookPath });
    const server = createAppServer({
      host: settings.host,
      port: settings.port,
      webhookPath: settings.webhookPath,
      webhooks: middleware,
      checks: {
        credentials: async () => credentials,
        state: () =>
          withTimeout(state.check(), 1000, `the ${state.kind} state store`).then(
            (): CheckResult => ({ ok: true }),
            (error: unknown): CheckResult => ({ ok: false, problem: (error as Error).message }),
          ),
      },
      log: appLog,
    });
    const url = await server.listen();
    const proxy =
      settings.webhookProxyUrl === null
        ? null
        : await startWebhookProxy(settings.webhookProxyUrl, `${url}${settings.webhookPath}`, appLog);
    appLog.info(
      { url, webhookPath: settings.webhookPath, app: identity.slug, state: state.kind, github: settings.github.apiUrl },
      'greenlight App listening',
    );

    let stopping: Promise<boolean> | null = null;
    const shutdown = async (): Promise<boolean> => {
      appLog.info({ inFlight: server.inFlight }, 'shutting down: no new deliveries; finishing the accepted ones');
      server.drain();
      greenlight.stop();
      clearInterval(recheck);
      await proxy?.stop();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finished = await Promise.race([
        (async () => {
          await server.idle();
          await greenlight.settled();
          return true;
        })(),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), settings.shutdownTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!finished)
        appLog.error(
          { inFlight: server.inFlight, timeoutMs: settings.shutdownTimeoutMs },
          'shutdown timed out with deliveries still running',
        );
      const left = await state.leftBehind().catch((error: unknown) => (error as Error).message);
      if (left !== null) appLog.warn({ left }, 'left behind at shutdown');
      await closeState();
      await server.close();
      appLog.info({ clean: finished }, 'greenlight App stopped');
      return finished;
    };
    return {
      url,
      shutdown: () => (stopping ??= shutdown()),
    };
  } catch (error) {
    await closeState();
    throw error;
  }
}
