/**
 * Development without a public address: a smee.io channel (WEBHOOK_PROXY_URL) that
 * GitHub posts deliveries to, forwarded here by smee-client — Probot's convention.
 * The forwarded delivery keeps GitHub's headers and signature, so nothing is trusted
 * that would not be trusted from GitHub directly.
 */
import { SmeeClient } from 'smee-client';
import type { AppLog } from '../app-log.ts';

export interface WebhookProxy {
  stop(): Promise<void>;
}

export async function startWebhookProxy(source: string, target: string, log: AppLog): Promise<WebhookProxy> {
  const client = new SmeeClient({
    source,
    target,
    logger: {
      info: (message: string) => log.debug({ proxy: source }, String(message)),
      error: (message: unknown) => log.warn({ proxy: source, err: String(message) }, 'webhook proxy problem'),
    },
  });
  await client.start();
  log.info({ proxy: source, target }, 'forwarding deliveries from the webhook proxy');
  return {
    async stop() {
      await client.stop();
    },
  };
}

/** A new smee.io channel for registration in development (Probot does the same), or null when it cannot be had. */
export async function createProxyChannel(log: AppLog): Promise<string | null> {
  try {
    return await SmeeClient.createChannel();
  } catch (error) {
    log.warn({ err: { message: (error as Error).message } }, 'could not create a smee.io channel');
    return null;
  }
}
