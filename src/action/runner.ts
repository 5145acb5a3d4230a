/**
 * The Action runner: reads inputs and the event, runs the job, writes outputs.
 * Until the job is wired (issue "The GitHub Action"), it reports that plainly and
 * exits neutral rather than pretending to work.
 */
import { VERSION } from '../version.ts';

export async function runAction(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const event = env.GITHUB_EVENT_NAME ?? 'unknown';
  process.stdout.write(`greenlight ${VERSION}: event '${event}' received; the Action job is not available in this version yet.\n`);
  return 0;
}
