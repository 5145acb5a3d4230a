/** The event payload the runtime wrote to GITHUB_EVENT_PATH. */
import { readFileSync } from 'node:fs';
import { GreenlightError } from '../../ports/errors.ts';

export function readEventFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GreenlightError(
      'event-invalid',
      `Cannot read the event file ${path} (GITHUB_EVENT_PATH): ${(error as Error).message}. greenlight must run as a workflow step.`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GreenlightError(
      'event-invalid',
      `The event file ${path} (GITHUB_EVENT_PATH) is not JSON: ${(error as Error).message}.`,
      { cause: error },
    );
  }
}
