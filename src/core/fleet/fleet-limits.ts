/**
 * The App's per-repository fleet limits (`fleet` in `.github/greenlight.yml`), as users
 * know them from Renovate's `prConcurrentLimit` / `prHourlyLimit`: how many greenlight
 * runs may be in flight at once, how many may start in any sliding hour, and what
 * happens to a request over a limit.
 */
import type { RepoConfig } from '../config/repo-config.ts';

export type FleetLimits = RepoConfig['fleet'];

/** The sliding window of `maxRunsPerHour`. */
export const HOUR_MS = 60 * 60 * 1000;

/** Why a request cannot start now. */
export type LimitReason =
  | { limit: 'concurrent'; running: number; max: number }
  | {
      limit: 'hourly';
      started: number;
      max: number;
      /** When the oldest start leaves the window. */ nextSlotAt: number;
    }
  | { limit: 'queue-full'; queued: number; max: number }
  | { limit: 'queued-ahead'; queued: number };
