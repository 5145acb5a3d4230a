/**
 * The App's own settings, from its environment (the server's — credentials, GHE_HOST,
 * PORT, REDIS_URL, LOG_LEVEL… — are read by server/server-settings.ts). Every value is
 * checked here, and a bad one stops the App at start with a message naming the variable.
 *
 * | variable | default | |
 * | --- | --- | --- |
 * | `GREENLIGHT_WORKFLOW` | `.github/workflows/greenlight.yml` | the workflow the App dispatches in each repository |
 * | `GREENLIGHT_QUEUE_INTERVAL_SECONDS` | `60` | how often queued requests are looked at |
 * | `GREENLIGHT_REDELIVERY_INTERVAL_MINUTES` | `10` | how often failed deliveries are looked for; `0` turns it off |
 * | `GREENLIGHT_REDELIVERY_WINDOW_HOURS` | `3` | how far back failed deliveries are redelivered |
 * | `GREENLIGHT_RUN_LEASE_MINUTES` | `120` | how long a run holds its fleet slot when its end is never seen |
 * | `GREENLIGHT_THROTTLE` | `on` | `off` turns client-side throttling off (GHES with rate limits disabled) |
 */
import { GreenlightError } from '../ports/errors.ts';
import type { FleetPolicy } from '../core/fleet/admit-run.ts';
import { DEFAULT_FLEET_POLICY } from '../core/fleet/memory-fleet-store.ts';
import type { GreenlightAppOptions } from './greenlight-app.ts';
import type { InstallationOctokitOptions } from './installation-octokit.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface AppSettings {
  app: GreenlightAppOptions;
  octokit: InstallationOctokitOptions;
  /** The fleet store's policy, for whichever store the process uses (memory or Redis). */
  fleetPolicy: FleetPolicy;
}

function value(env: Env, name: string): string | null {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? null : text;
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = value(env, name);
  if (text === null) return fallback;
  const parsed = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || parsed < min || parsed > max) {
    throw new GreenlightError(
      'usage',
      `${name} must be a number from ${min} to ${max}, got '${text}'. Fix it in the App's environment.`,
    );
  }
  return parsed;
}

const WORKFLOW = /^(?:\.github\/workflows\/)?[A-Za-z0-9_.-]+\.ya?ml$/;

export function readAppSettings(env: Env): AppSettings {
  const workflowFile = value(env, 'GREENLIGHT_WORKFLOW') ?? '.github/workflows/greenlight.yml';
  if (!WORKFLOW.test(workflowFile)) {
    throw new GreenlightError(
      'usage',
      `GREENLIGHT_WORKFLOW must name a workflow file such as 'greenlight.yml' or '.github/workflows/greenlight.yml', got '${workflowFile}'.`,
    );
  }
  const throttle = (value(env, 'GREENLIGHT_THROTTLE') ?? 'on').toLowerCase();
  if (throttle !== 'on' && throttle !== 'off')
    throw new GreenlightError('usage', `GREENLIGHT_THROTTLE must be 'on' or 'off', got '${throttle}'.`);
  const redeliveryMinutes = number(env, 'GREENLIGHT_REDELIVERY_INTERVAL_MINUTES', 10, 0, 24 * 60);
  const windowHours = number(env, 'GREENLIGHT_REDELIVERY_WINDOW_HOURS', 3, 0.1, 72);
  const leaseMinutes = number(env, 'GREENLIGHT_RUN_LEASE_MINUTES', 120, 5, 7 * 24 * 60);
  return {
    app: {
      workflowFile: workflowFile.includes('/') ? workflowFile : `.github/workflows/${workflowFile}`,
      queueIntervalMs: number(env, 'GREENLIGHT_QUEUE_INTERVAL_SECONDS', 60, 5, 3600) * 1000,
      redelivery:
        redeliveryMinutes === 0 ? null : { intervalMs: redeliveryMinutes * 60_000, windowMs: windowHours * 3_600_000 },
    },
    octokit: { throttle: throttle === 'on' ? {} : false },
    fleetPolicy: { ...DEFAULT_FLEET_POLICY, leaseMs: leaseMinutes * 60_000 },
  };
}
