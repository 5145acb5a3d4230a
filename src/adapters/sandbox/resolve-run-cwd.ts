/** The run's working directory, resolved and checked to lie inside the workspace. */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { GreenlightError } from '../../ports/errors.ts';

/**
 * Resolve symlinks in `cwd` and refuse anything outside `workspace` (itself resolved):
 * repository code runs only where the engine expects it to write.
 */
export async function resolveRunCwd(workspace: string, cwd: string): Promise<string> {
  if (!isAbsolute(cwd)) {
    throw new GreenlightError(
      'usage',
      `sandbox cwd must be an absolute path inside the workspace, got ${JSON.stringify(cwd)}.`,
    );
  }
  let real: string;
  try {
    real = realpathSync(cwd);
  } catch (cause) {
    throw new GreenlightError('usage', `sandbox cwd ${cwd} does not exist; create it before running a command there.`, {
      cause,
    });
  }
  const rel = relative(workspace, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new GreenlightError(
      'usage',
      `sandbox cwd ${cwd} is outside the workspace ${workspace}; commands may only run inside it.`,
    );
  }
  return real;
}
