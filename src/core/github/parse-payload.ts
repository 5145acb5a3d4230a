/**
 * Validates a webhook payload against one of the schemas in event-payloads.ts and
 * turns a mismatch into an `event-invalid` error that names every missing or wrong
 * field, so that a truncated event file or a foreign event is obvious from one line.
 */
import type { z } from 'zod';
import { GreenlightError } from '../../ports/errors.ts';

export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown, event: string): z.infer<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.') || '(payload)';
    return /received undefined$/.test(issue.message) ? `${path} is missing` : `${path}: ${issue.message}`;
  });
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  throw new GreenlightError(
    'event-invalid',
    `The '${event}' event payload is not what GitHub sends: ${problems.join('; ')}${more}. ` +
      'Run greenlight from a workflow triggered by this event (it reads GITHUB_EVENT_PATH), or fix the event file.',
    { cause: result.error },
  );
}
