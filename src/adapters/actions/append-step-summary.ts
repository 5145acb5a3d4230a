/**
 * The job summary: markdown appended to the runtime's `GITHUB_STEP_SUMMARY` file,
 * shown on the run's page. GitHub refuses a step's summary over 1 MiB, so a longer
 * one is cut with a note rather than lost entirely.
 */
import { appendFileSync } from 'node:fs';
import { GreenlightError } from '../../ports/errors.ts';

export const MAX_SUMMARY_BYTES = 1024 * 1024;

/** Appends `markdown` to the summary file. */
export function appendStepSummary(file: string, markdown: string): void {
  let text = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  if (Buffer.byteLength(text) > MAX_SUMMARY_BYTES) {
    const marker = '\n\n… (cut: the job summary is limited to 1 MiB; the audit log artifact has everything)\n';
    text =
      Buffer.from(text)
        .subarray(0, MAX_SUMMARY_BYTES - Buffer.byteLength(marker) - 4)
        .toString('utf8')
        .replace(/\uFFFD+$/, '') + marker;
  }
  try {
    appendFileSync(file, text, 'utf8');
  } catch (error) {
    throw new GreenlightError(
      'internal',
      `Cannot write the job summary to ${file} (GITHUB_STEP_SUMMARY): ${(error as Error).message}.`,
      { cause: error },
    );
  }
}
