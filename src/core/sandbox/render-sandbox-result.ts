/**
 * A sandboxed command's result as log text. Everything the child printed goes through
 * `neutralizeWorkflowCommands`, so logging a result can never issue a workflow command
 * (SECURITY.md 16); use this (or neutralize yourself) wherever child output is logged.
 */
import type { SandboxResult } from '../../ports/sandbox.ts';
import { formatDuration } from './describe-sandbox.ts';
import { neutralizeWorkflowCommands } from './neutralize-workflow-commands.ts';

/**
 * @example
 * log.info(renderSandboxResult(result))
 * // $ npm test
 * // exit 1 after 2.3 s
 * // --- stdout (1204 bytes)
 * // …
 */
export function renderSandboxResult(result: SandboxResult): string {
  const status =
    result.exitCode !== null ? `exit ${result.exitCode}` : `killed by ${result.signal ?? 'unknown signal'}`;
  const limit = result.limitHit === null ? '' : `, stopped at the ${result.limitHit} limit`;
  const lines = [
    `$ ${result.command.map(quoteForDisplay).join(' ')}`,
    `${status} after ${formatDuration(Math.round(result.durationMs))}${limit}`,
  ];
  for (const [name, output] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    if (output.bytes === 0) continue;
    lines.push(`--- ${name} (${output.bytes} bytes${output.truncated ? ', middle cut' : ''})`);
    lines.push(neutralizeWorkflowCommands(output.text.replace(/\n$/, '')));
  }
  return neutralizeWorkflowCommands(lines.join('\n'));
}

/** Quote an argument the way a POSIX shell would need it, for display only. */
export function quoteForDisplay(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
