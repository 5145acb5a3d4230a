/**
 * Workflow commands greenlight itself prints (`::add-mask::`, `::error::`,
 * `::notice::`), escaped as the runtime unescapes them, so that a message with a
 * newline or a `%` cannot end the command early or start another one.
 */

export type WorkflowCommand = 'add-mask' | 'error' | 'warning' | 'notice';

/** The runtime's escaping of a command's message. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * One command line (without the newline).
 * @example workflowCommand('error', 'config invalid\nline 3') // '::error::config invalid%0Aline 3'
 */
export function workflowCommand(command: WorkflowCommand, message: string): string {
  return `::${command}::${escapeCommandData(message)}`;
}

/**
 * `::add-mask::` lines for secrets. A multi-line secret (a PEM key) is masked line by
 * line as well, because the runtime matches masks within one log line.
 */
export function maskCommands(secrets: readonly (string | null | undefined)[]): string[] {
  const values = new Set<string>();
  for (const secret of secrets) {
    if (secret === null || secret === undefined || secret.trim() === '') continue;
    values.add(secret);
    if (/[\r\n]/.test(secret)) for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) values.add(line);
  }
  return [...values].map((value) => workflowCommand('add-mask', value));
}
