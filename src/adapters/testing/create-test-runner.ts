import { realpathSync } from 'node:fs';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import { buildTestReport } from '../../core/testing/build-test-report.ts';
import { crossCheckReport } from '../../core/testing/cross-check-report.ts';
import { parseRunnerSummary } from '../../core/testing/runner-summary.ts';
import type { ProjectFacts } from '../../core/testing/detect-test-command.ts';
import { detectTestCommand } from '../../core/testing/detect-test-command.ts';
import { quoteShellWord } from '../../core/testing/shell-words.ts';
import type { TestPlan } from '../../core/testing/test-plan.ts';
import type { Sandbox } from '../../ports/sandbox.ts';
import type { TestReport, TestRunner, TestSelection } from '../../ports/test-runner.ts';
import { loadProjectFacts, type ReadWorkspaceFile } from './load-project-facts.ts';
import { runnerAdapters } from './registry.ts';
import { createReportDir } from './report-dir.ts';
import { guardWorkspace } from '../git/guard-workspace.ts';

export interface CreateTestRunnerOptions {
  /** Absolute path of the checkout; tests run here. */
  workspaceRoot: string;
  config: Pick<RepoConfig, 'tests'>;
  sandbox: Sandbox;
  /** Workspace files, relative paths (for detection and related-test guesses). */
  files: readonly string[];
  readFile: ReadWorkspaceFile;
  /** Limit for one run; defaults to `tests.timeoutMinutes`. */
  timeoutMs?: number;
  /**
   * Put the checkout (a git working tree) back as it was after every run, so that what
   * tests write never becomes part of the change (docs/security.md §29). The engine sets it.
   */
  restoreWorkspace?: boolean;
}

/** A TestRunner that also tells what it decided. */
export interface WorkspaceTestRunner extends TestRunner {
  readonly plan: TestPlan;
}

/** The command as a user would type it to reproduce the run, with the variables greenlight set. */
function shownCommand(command: string, env: Readonly<Record<string, string>>): string {
  return [...Object.entries(env).map(([name, value]) => `${name}=${quoteShellWord(value)}`), command].join(' ');
}

function roots(workspaceRoot: string): string[] {
  const all = [workspaceRoot];
  try {
    const real = realpathSync(workspaceRoot);
    if (real !== workspaceRoot) all.push(real);
  } catch {
    // A missing workspace fails later, in the sandbox, with a clearer message.
  }
  return all;
}

/**
 * Detect the project's test command and return a runner for it. Every run goes
 * through the sandbox (network off); the runner's own report is read back into a
 * TestReport, falling back to exit code and output when there is none.
 *
 * @example
 * const runner = await createTestRunner({ workspaceRoot, config, sandbox, files, readFile });
 * const baseline = await runner.run();
 * const quick = await runner.run({ changedFiles: ['src/a.ts'] });
 * @throws GreenlightError `no-test-command` when nothing runnable is found.
 */
export async function createTestRunner(options: CreateTestRunnerOptions): Promise<WorkspaceTestRunner> {
  const facts: ProjectFacts = await loadProjectFacts(options.files, options.readFile, options.config.tests.command);
  const plan = detectTestCommand(facts);
  const adapter = runnerAdapters[plan.runner];
  const timeoutMs = options.timeoutMs ?? options.config.tests.timeoutMinutes * 60_000;
  const workspaceRoots = roots(options.workspaceRoot);

  async function run(selection: TestSelection = {}): Promise<TestReport> {
    if (options.restoreWorkspace !== true) return runOnce(selection);
    const guard = await guardWorkspace(options.workspaceRoot);
    let report: TestReport | undefined;
    try {
      report = await runOnce(selection);
    } finally {
      const discarded = await guard.restore();
      if (report !== undefined && discarded.length > 0) {
        const shown =
          discarded.slice(0, 10).join(', ') + (discarded.length > 10 ? ` and ${discarded.length - 10} more` : '');
        report = {
          ...report,
          discarded,
          notes: [
            ...(report.notes ?? []),
            `the run wrote files that are not part of the change; they were put back or removed: ${shown}`,
          ],
        };
      }
    }
    return report;
  }

  async function runOnce(selection: TestSelection): Promise<TestReport> {
    const dir = await createReportDir(options.workspaceRoot, options.sandbox.info.driver);
    try {
      const prepared = adapter.prepare({
        plan,
        selection,
        reportDir: dir.childPath,
        files: options.files,
        texts: facts.texts,
      });
      const result = await options.sandbox.run(['sh', '-c', prepared.command], {
        cwd: options.workspaceRoot,
        env: prepared.env,
        timeoutMs,
        network: false,
      });
      const reports = await dir.read();
      const notes = [...prepared.notes];
      let parsed = null;
      try {
        parsed = adapter.parse({
          prepared,
          reports,
          stdout: result.stdout.text,
          stderr: result.stderr.text,
          exitCode: result.exitCode,
          roots: workspaceRoots,
          texts: facts.texts,
        });
      } catch (error) {
        notes.push(`the ${plan.runner} report could not be read (${String((error as Error).message).slice(0, 200)})`);
      }
      if (result.stdout.truncated || result.stderr.truncated)
        notes.push('the output was longer than the sandbox keeps: its middle was cut');
      if (result.limitHit !== null && result.limitHit !== 'time')
        notes.push(`the sandbox stopped the run: ${result.limitDetail ?? `${result.limitHit} limit reached`}`);
      const report = buildTestReport(
        {
          runner: plan.runner,
          command: shownCommand(prepared.command, prepared.env),
          exitCode: result.exitCode,
          signal: result.signal,
          timedOut: result.timedOut,
          durationMs: result.durationMs,
          stdout: result.stdout.text,
          stderr: result.stderr.text,
        },
        parsed,
        {
          roots: [...workspaceRoots, dir.hostPath],
          reportExpected: adapter.reportExpected && prepared.reportRequested !== false,
          scope: prepared.scope,
          notes,
        },
      );
      const summary = parseRunnerSummary(plan.runner, `${result.stdout.text}\n${result.stderr.text}`);
      const disagreements = crossCheckReport(report, summary);
      return disagreements.length === 0 ? report : { ...report, disagreements };
    } finally {
      await dir.remove();
    }
  }

  return { command: { runner: plan.runner, command: plan.command, reason: plan.reason }, plan, run };
}
