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
  if (result.exitCode !== 0 || result.timedOut) {
    const why = result.timedOut
      ? `timed out after ${config.installTimeoutMinutes} min`
      : `exited with ${result.exitCode ?? result.signal ?? 'no code'}`;
    const tail = output.split('\n').slice(-3).join(' | ').slice(-300);
    throw new GreenlightError(
      'install-failed',
      `tests.installCommand \`${command}\` ${why}${tail === '' ? '' : `: ${tail}`}. Fix the command in .github/greenlight.yml, or install dependencies in the workflow before greenlight runs.`,
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
