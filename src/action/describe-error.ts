/**
 * One sentence for a failure, for the progress comment, the log and the job summary.
 * greenlight's own errors already say what to do; anything else is a bug, and says so.
 */
import { isGreenlightError } from '../ports/errors.ts';
import { isModelError } from '../ports/model-error.ts';

export function describeError(error: unknown): string {
  if (isGreenlightError(error) || isModelError(error)) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${message} (this is a bug in greenlight; please report it with the workflow log).`;
}
