/**
 * The files through which a step talks to the Actions runtime, and the only module of
 * the Action that touches the disk: the event payload (`GITHUB_EVENT_PATH`), the step
 * outputs (`GITHUB_OUTPUT`), the job summary (`GITHUB_STEP_SUMMARY`) and the evidence
 * record (`greenlight-evidence.json` under `RUNNER_TEMP`). Each failure is
 * a GreenlightError naming the file and the variable.
 *
 * Step outputs use the runtime's heredoc form (`name<<DELIMITER\nvalue\nDELIMITER`),
 * which carries any value, newlines included. The delimiter is random, and a value that
 * contains it is refused rather than allowed to inject another output.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { GreenlightError } from '../ports/errors.ts';

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

/** The event payload the runtime wrote to GITHUB_EVENT_PATH. */
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

/**
 * The job summary: markdown appended to the runtime's `GITHUB_STEP_SUMMARY` file,
 * shown on the run's page. GitHub refuses a step's summary over 1 MiB, so a longer
 * one is cut with a note rather than lost entirely.
 */
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

/** Writes `value` as two-space JSON to `path` (replacing it), readable by its owner only. */
export function writeJsonFile(path: string, value: unknown): void {
  try {
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  } catch (error) {
    throw new GreenlightError('internal', `Cannot write ${path}: ${(error as Error).message}.`, { cause: error });
  }
}
