/**
 * `tests.installCommand`, when the config names one: run in the sandbox with network
 * ON, before any generated code exists (docs/architecture.md "A job, from request to pull request", step 2). It must not change tracked
 * files, or the install would end up in the change the model is credited with.
 */
import type { RepoConfig } from '../core/config/repo-config.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { AuditSink } from '../ports/audit.ts';
import type { Sandbox } from '../ports/sandbox.ts';
import type { Workspace } from '../ports/workspace.ts';

const EXCERPT = 2_000;

/**
 * An install writes a package tree into the workspace: tens of thousands of files are its
 * normal work (this repository's node_modules holds about 26,000 entries), where a test
 * writing as many is an attack (docs/security.md §33). It may create ten times
 * `sandbox.maxFiles`; the disk limit stays `sandbox.maxDiskMb`.
 */
export const INSTALL_FILES_FACTOR = 10;

export async function installDependencies(
  config: RepoConfig['tests'],
  sandbox: Sandbox,
  workspace: Workspace,
  audit: AuditSink,
): Promise<void> {
  const command = config.installCommand;
  if (command === undefined) return;
  const result = await sandbox.run(['sh', '-c', command], {
    cwd: workspace.root,
    network: true,
    timeoutMs: config.installTimeoutMinutes * 60_000,
    maxFiles: sandbox.info.limits.maxFiles * INSTALL_FILES_FACTOR,
  });
  const output = `${result.stdout.text}\n${result.stderr.text}`.trim();
  audit.write({
    kind: 'command',
    command,
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    outputExcerpt: output.slice(-EXCERPT),
    durationMs: result.durationMs,
    purpose: 'install',
  });
  // A write limit counts even when the command got to finish before the engine's watch looked.
  const wroteTooMuch = result.limitHit === 'files' || result.limitHit === 'disk';
  if (result.exitCode !== 0 || result.timedOut || wroteTooMuch) {
    const why = wroteTooMuch
      ? `was ${result.limitDetail ?? `stopped at the ${result.limitHit} limit`} (an install may create ${INSTALL_FILES_FACTOR} times sandbox.maxFiles)`
      : result.timedOut
        ? `timed out after ${config.installTimeoutMinutes} min`
        : `exited with ${result.exitCode ?? result.signal ?? 'no code'}`;
    const tail = output.split('\n').slice(-3).join(' | ').slice(-300);
    throw new GreenlightError(
      'install-failed',
      `tests.installCommand \`${command}\` ${why}${tail === '' ? '' : `: ${tail}`}. ` +
        (wroteTooMuch
          ? 'Raise sandbox.maxFiles or sandbox.maxDiskMb in .github/greenlight.yml, or install dependencies in the workflow before greenlight runs.'
          : 'Fix the command in .github/greenlight.yml, or install dependencies in the workflow before greenlight runs.'),
    );
  }
  if (!(await workspace.isClean())) {
    throw new GreenlightError(
      'install-failed',
      `tests.installCommand \`${command}\` changed files of the repository (for example a lockfile). ` +
        'Use a command that installs exactly what is committed (npm ci, pip install --require-hashes, …), or ignore the files it writes.',
    );
  }
}
