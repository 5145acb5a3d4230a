/**
 * The sentence a queued or refused requester reads: which limit, its configured value
 * and the config field that sets it, and when it frees up where that is known.
 */
import type { LimitReason } from './fleet-limits.ts';

/** `14:05 UTC`, deterministic whatever the server's locale and time zone. */
function clockTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(11, 16)} UTC`;
}

const runs = (n: number) => `${n} greenlight run${n === 1 ? '' : 's'}`;

export function describeLimit(reason: LimitReason): string {
  switch (reason.limit) {
    case 'concurrent':
      return `${runs(reason.running)} ${reason.running === 1 ? 'is' : 'are'} already running in this repository, the limit (\`fleet.maxConcurrentRuns: ${reason.max}\`)`;
    case 'hourly':
      return `${runs(reason.started)} started in this repository in the last hour, the limit (\`fleet.maxRunsPerHour: ${reason.max}\`); the next slot frees at ${clockTime(reason.nextSlotAt)}`;
    case 'queue-full':
      return `${reason.queued} requests are already waiting in this repository, the most the App keeps`;
    case 'queued-ahead':
      return `${reason.queued} earlier request${reason.queued === 1 ? ' is' : 's are'} waiting for a slot in this repository`;
  }
}
