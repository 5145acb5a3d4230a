// Real webhook payloads from @octokit/webhooks-examples (the package's main is the
// api.github.com index.json), deep-copied so that a test can edit its copy.
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

// Tests edit deep fields of these payloads; a precise type would only add casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExamplePayload = Record<string, any>;

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/**
 * The first (or `index`-th) example payload of `event` with `action` (use
 * `undefined` for events without an action, e.g. workflow_dispatch).
 */
export function webhookExample(event: string, action: string | undefined, index = 0): ExamplePayload {
  const definition = definitions.find((d) => d.name === event);
  if (definition === undefined) throw new Error(`no webhook examples for '${event}'`);
  const matching = (definition.examples as Record<string, unknown>[]).filter((e) => e.action === action);
  const example = matching[index];
  if (example === undefined)
    throw new Error(`no example ${index} of ${event}.${action ?? '(no action)'}; there are ${matching.length}`);
  return structuredClone(example) as ExamplePayload;
}
