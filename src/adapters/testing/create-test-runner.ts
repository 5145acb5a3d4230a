import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoConfig } from '../../core/config/repo-config.ts';
import { buildTestReport, type ParsedTests } from '../../core/testing/build-test-report.ts';
import { crossCheckReport } from '../../core/testing/cross-check-report.ts';
import { detectTestCommand, directoryFacts, type ProjectFacts } from '../../core/testing/detect-test-command.ts';
import { isUnder } from '../../core/testing/find-test-packages.ts';
import { parseRunnerSummary } from '../../core/testing/runner-summary.ts';
import { quoteShellWord } from '../../core/testing/shell-words.ts';
import type { TestPlan } from '../../core/testing/test-plan.ts';
import type { Sandbox } from '../../ports/sandbox.ts';
import type { TestCommand, TestReport, TestRunner, TestSelection } from '../../ports/test-runner.ts';
import { loadProjectFacts, type ReadWorkspaceFile } from './load-project-facts.ts';
import { runnerAdapters } from './registry.ts';
import { createReportDir } from './report-dir.ts';
import { guardWorkspace } from '../git/guard-workspace.ts';

export interface CreateTestRunnerOptions {
  /** Absolute path of the checkout; tests run here (or in the plan's directory under it). */
  workspaceRoot: string;
  config: Pick<RepoConfig, 'tests'> & Partial<Pick<RepoConfig, 'sandbox'>>;
  sandbox: Sandbox;
  /** Workspace files, relative paths (for detection and related-test guesses). */
  files: readonly string[];
  readFile: ReadWorkspaceFile;
  /** Limit for one run; defaults to `tests.timeoutMinutes`. */
  timeoutMs?: number;
  /** The facts and plan a caller already has (`loadTestFacts`, `detectTestCommand`); detected otherwise. */
  resolved?: { facts: ProjectFacts; plan: TestPlan };
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
function shownCommand(command: string, env: Readonly<Record<string, string>>, directory: string): string {
  const cd = directory === '' ? '' : `cd ${quoteShellWord(directory)} && `;
  return `${cd}${[...Object.entries(env).map(([name, value]) => `${name}=${quoteShellWord(value)}`), command].join(' ')}`;
}

function roots(dir: string): string[] {
  const all = [dir];
  try {
    const real = realpathSync(dir);
    if (real !== dir) all.push(real);
  } catch {
    // A missing workspace fails later, in the sandbox, with a clearer message.
  }
  return all;
}

/** A path of the repository as the package directory sees it; null when it lies outside. */
function inPackage(path: string, directory: string): string | null {
  if (directory === '') return path;
  return isUnder(path, directory) && path !== directory ? path.slice(directory.length + 1) : null;
}

/**
 * A selection in repository paths, as the package directory sees it: files outside the
 * package are left out (a change only there runs the package's whole suite).
 */
function selectionInPackage(selection: TestSelection, directory: string): TestSelection {
  if (directory === '') return selection;
  const out: TestSelection = {};
  if (selection.changedFiles !== undefined) {
    const inside = selection.changedFiles.map((f) => inPackage(f, directory)).filter((f): f is string => f !== null);
    if (inside.length > 0) out.changedFiles = inside;
  }
  if (selection.tests !== undefined) {
    const inside = selection.tests
      .map((id) => {
        const cut = id.indexOf('::');
        const file = inPackage(cut < 0 ? id : id.slice(0, cut), directory);
        return file === null ? null : `${file}${cut < 0 ? '' : id.slice(cut)}`;
      })
      .filter((id): id is string => id !== null);
    if (inside.length > 0) out.tests = inside;
  }
  return out;
}

/** Test ids and files in repository paths again (`tests/test_a.py` run in backend/ is `backend/tests/test_a.py`). */
function testsInRepository(parsed: ParsedTests, directory: string): ParsedTests {
  if (directory === '') return parsed;
  return {
    ...parsed,
    tests: parsed.tests.map((t) => {
      if (t.file === null || t.file.startsWith('/') || t.file.startsWith('../')) return t;
      const file = `${directory}/${t.file}`;
      const id = t.id.startsWith(`${t.file}::`) ? `${file}${t.id.slice(t.file.length)}` : t.id;
      return { ...t, file, id };
    }),
  };
}

/**
 * Detect the project's test command (unless `resolved` brings it) and return a runner
 * for it. Every run goes through the sandbox (network off), in the plan's directory;
 * the runner's own report is read back into a TestReport with repository paths,
 * falling back to exit code and output when there is none.
 *
 * @example
 * const runner = await createTestRunner({ workspaceRoot, config, sandbox, files, readFile });
 * const baseline = await runner.run();
 * const quick = await runner.run({ changedFiles: ['src/a.ts'] });
 * @throws GreenlightError `no-test-command` when nothing runnable is found.
 */
export async function createTestRunner(options: CreateTestRunnerOptions): Promise<WorkspaceTestRunner> {
  const facts =
    options.resolved?.facts ??
    (await loadProjectFacts(options.files, options.readFile, {
      command: options.config.tests.command,
      directory: options.config.tests.directory,
    }));
  const plan = options.resolved?.plan ?? detectTestCommand(facts);
  const adapter = runnerAdapters[plan.runner];
  const timeoutMs = options.timeoutMs ?? options.config.tests.timeoutMinutes * 60_000;
  const directory = plan.directory ?? '';
  const cwd = directory === '' ? options.workspaceRoot : join(options.workspaceRoot, directory);
  const workspaceRoots = roots(options.workspaceRoot);
  const packageRoots = directory === '' ? workspaceRoots : roots(cwd);
  const local = directoryFacts(facts, directory);
  const files = local.files;

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
    const dir = await createReportDir(cwd, options.sandbox.info.driver);
    try {
      const prepared = adapter.prepare({
        plan,
        selection: selectionInPackage(selection, directory),
        reportDir: dir.childPath,
        files,
        texts: local.texts,
      });
      const result = await options.sandbox.run(['sh', '-c', prepared.command], {
        cwd,
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
          roots: packageRoots,
          texts: local.texts,
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
          command: shownCommand(prepared.command, prepared.env, directory),
          exitCode: result.exitCode,
          signal: result.signal,
          timedOut: result.timedOut,
          durationMs: result.durationMs,
          stdout: result.stdout.text,
          stderr: result.stderr.text,
        },
        parsed === null ? null : testsInRepository(parsed, directory),
        {
          roots: [...workspaceRoots, dir.hostPath],
          reportExpected: adapter.reportExpected && prepared.reportRequested !== false,
          scope: prepared.scope,
          notes,
        },
      );
      const summary = parseRunnerSummary(plan.runner, `${result.stdout.text}\n${result.stderr.text}`);
      const disagreements = crossCheckReport(report, summary);
      // A command the sandbox stopped at a limit (files, disk, memory, processes, output) may
      // still exit 0 before the stop lands: whatever it reported, that run passes nothing.
      if (result.limitHit !== null && result.limitHit !== 'time')
        disagreements.push(
          `the sandbox stopped the run at its ${result.limitHit} limit, so its result is not a pass (${result.limitDetail ?? 'limit reached'})`,
        );
      return disagreements.length === 0 ? report : { ...report, disagreements };
    } finally {
      await dir.remove();
    }
  }

  const command: TestCommand = { runner: plan.runner, command: plan.command, reason: plan.reason };
  if (directory !== '') command.directory = directory;
  if (plan.installHint !== undefined) command.installHint = plan.installHint;
  return { command, plan, run };
}
