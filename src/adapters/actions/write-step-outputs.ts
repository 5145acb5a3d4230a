/**
 * Step outputs through the runtime's `GITHUB_OUTPUT` file, in its heredoc form
 * (`name<<DELIMITER\nvalue\nDELIMITER`), which carries any value, newlines
 * included. The delimiter is random, and a value that contains it is refused
 * rather than allowed to inject another output.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { GreenlightError } from '../../ports/errors.ts';

/** The text appended for `outputs` (exported for tests). */
export function formatStepOutputs(
  outputs: Readonly<Record<string, string>>,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
      throw new GreenlightError('internal', `invalid step output name '${name}'`);
    if (value.includes(delimiter))
      throw new GreenlightError('internal', `step output '${name}' contains the heredoc delimiter`);
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return text;
}

/** Appends `outputs` to the `GITHUB_OUTPUT` file. */
export function writeStepOutputs(file: string, outputs: Readonly<Record<string, string>>): void {
  try {
    appendFileSync(file, formatStepOutputs(outputs), 'utf8');
  } catch (error) {
    throw new GreenlightError(
      'internal',
      `Cannot write the step outputs to ${file} (GITHUB_OUTPUT): ${(error as Error).message}.`,
      { cause: error },
    );
  }
}
