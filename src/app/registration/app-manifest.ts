/**
 * The manifest GitHub's App-manifest flow registers the App from: `app.yml` exactly
 * as written (name, description, permissions, events), with what only this server
 * knows filled in — where GitHub sends deliveries (`hook_attributes.url`: the webhook
 * proxy, or the public address, never app.yml's placeholder) and where GitHub sends
 * the browser back with the code (`redirect_url`).
 */
import { parse } from 'yaml';
import { GreenlightError } from '../../ports/errors.ts';

export interface ManifestTargets {
  webhookUrl: string;
  redirectUrl: string;
}

export type AppManifest = Record<string, unknown> & {
  name: string;
  hook_attributes: { url: string; active?: boolean };
};

export function appManifest(appYml: string, targets: ManifestTargets): AppManifest {
  const parsed: unknown = parse(appYml);
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { name?: unknown }).name !== 'string')
    throw new GreenlightError('usage', 'app.yml must be a mapping with at least a name.');
  const manifest = parsed as Record<string, unknown> & { name: string; hook_attributes?: Record<string, unknown> };
  return {
    ...manifest,
    hook_attributes: { ...(manifest.hook_attributes ?? {}), url: targets.webhookUrl },
    redirect_url: targets.redirectUrl,
  };
}
