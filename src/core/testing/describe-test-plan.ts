/**
 * A test command as people read it: the command, and where it runs when that is not
 * the repository root (`python3 -m pytest (in backend/)`).
 */
import type { TestCommand } from '../../ports/test-runner.ts';

/** @example describeTestCommand({ command: 'npm test', directory: 'packages/api', … }) // 'npm test (in packages/api/)' */
export function describeTestCommand(command: Pick<TestCommand, 'command' | 'directory'>): string {
  const dir = command.directory ?? '';
  return dir === '' ? command.command : `${command.command} (in ${dir}/)`;
}
