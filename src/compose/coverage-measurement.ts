/**
 * `tests.coverage.required`: measure line coverage once on the unchanged tree, and
 * again whenever the loop verifies a change, by running the configured coverage
 * command in the sandbox (network off) and reading the report it writes. Afterwards
 * the checkout is put back as it was (report included), so that nothing the command
 * wrote becomes part of the change (docs/security.md §29).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { guardWorkspace } from '../adapters/git/guard-workspace.ts';
import { dirname, join, normalize } from 'node:path';
import type { RepoConfig } from '../core/config/repo-config.ts';
import { GreenlightError } from '../ports/errors.ts';
import type { CoverageMeasurement, CoverageRequest } from '../core/loop/loop-deps.ts';
import { coverageDelta } from '../core/testing/coverage/coverage-delta.ts';
import type { CoverageReport } from '../core/testing/coverage/coverage-report.ts';
import { parseCoverage } from '../core/testing/coverage/parse-coverage.ts';
import type { AuditSink } from '../ports/audit.ts';
import type { Sandbox } from '../ports/sandbox.ts';

export type MeasureCoverage = (request: CoverageRequest) => Promise<CoverageMeasurement>;

/**
 * Returns the loop's `measureCoverage`, after measuring the baseline. Throws a
 * config error when coverage is required but the command or report path is missing,
 * and a clear error when the baseline measurement fails (nothing has run yet then).
 */
export async function createCoverageMeasurement(
  config: RepoConfig['tests'],
  sandbox: Sandbox,
  root: string,
  audit: AuditSink,
): Promise<MeasureCoverage> {
  const { command, report } = config.coverage;
  if (command === undefined || report === undefined) {
    throw new GreenlightError(
      'config-invalid',
      'tests.coverage.required needs tests.coverage.command (a test command that writes coverage) and tests.coverage.report (where it writes lcov, coverage-summary.json or cobertura XML).',
    );
  }
  const reportPath = normalize(report);
  if (reportPath.startsWith('/') || reportPath.split('/').includes('..')) {
    throw new GreenlightError(
      'config-invalid',
      `tests.coverage.report must be a path inside the repository, got ${JSON.stringify(report)}.`,
    );
  }
  const measure = async (): Promise<CoverageReport> => {
    const absolute = join(root, reportPath);
    await rm(absolute, { force: true });
    // Reporters such as node:test's do not create the report's folder themselves.
    await mkdir(dirname(absolute), { recursive: true });
    const guard = await guardWorkspace(root);
    const result = await sandbox.run(['sh', '-c', command], {
      cwd: root,
      network: false,
      timeoutMs: config.timeoutMinutes * 60_000,
    });
    audit.write({
      kind: 'command',
      command,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      outputExcerpt: `${result.stdout.text}\n${result.stderr.text}`.trim().slice(-2_000),
      durationMs: result.durationMs,
      purpose: 'coverage',
    });
    try {
      const text = await readFile(absolute, 'utf8').catch(() => {
        throw new GreenlightError(
          'config-invalid',
          `the coverage command \`${command}\` (exit ${result.exitCode ?? result.signal}) wrote no report at ${reportPath}: check tests.coverage.report.`,
        );
      });
      return parseCoverage(text, [root]);
    } finally {
      await rm(absolute, { force: true });
      await guard.restore();
    }
  };
  const before = await measure();
  return async ({ targetFiles }) => {
    const after = await measure();
    const delta = coverageDelta(before, after, targetFiles.length > 0 ? targetFiles : undefined);
    return { beforePercent: delta.total.before, afterPercent: delta.total.after };
  };
}
