/**
 * `runJob`: the whole engine on one checkout, as
 * docs/architecture.md "A job, from request to pull request" tells it. The CLI and the
 * Action both call it; it builds the default adapters from the config and the
 * environment unless the caller injects them, and returns everything a surface needs to
 * publish the result. Publishing itself (a branch, a pull request) is the caller's.
 */
import { createModel } from '../adapters/model/create-model.ts';
import { openRunCheckout, type RunCheckout } from './run-checkout.ts';
import { createCoverageMeasurement } from './coverage-measurement.ts';
import { createSandbox } from '../adapters/sandbox/create-sandbox.ts';
import { createTestRunner, loadTestFacts } from '../adapters/testing/index.ts';
import { detectTestCommand, type ProjectFacts } from '../core/testing/detect-test-command.ts';
import { describeTestCommand } from '../core/testing/describe-test-plan.ts';
import { createWorkspaceTools } from '../adapters/tools/workspace-tools.ts';
import { withExtraCommand } from '../adapters/testing/with-extra-command.ts';
import { withReviewReports } from '../core/review/review-report-tool.ts';
import { GitCheckpoints } from '../adapters/git/git-checkpoints.ts';
import { LocalWorkspace } from '../adapters/git/local-workspace.ts';
import { costOfUsage, requirePrice } from '../core/cost/cost-of-usage.ts';
import { GreenlightError } from '../ports/errors.ts';
import { runLoop } from '../core/loop/run-loop.ts';
import { formatCount } from '../core/report/format.ts';
import { riskRecord } from '../core/evidence/risk-record.ts';
import { renderRunReport } from '../core/report/render-run-report.ts';
import { renderRiskMarkdown } from '../core/risk/render-risk-markdown.ts';
import type { TaskRequest } from '../core/task/task-request.ts';
import type { ModelUsage } from '../ports/model.ts';
import type { ProgressSnapshot, StepName } from '../ports/progress.ts';
import type { Sandbox } from '../ports/sandbox.ts';
import { buildJobContext } from './build-job-context.ts';
import { checkModelCredentials } from './check-model-credentials.ts';
import { classifyChange } from './classify-change.ts';
import { installDependencies } from './install-dependencies.ts';
import type { JobOptions, JobResult } from '../core/job.ts';
import { jobModel } from './job-model.ts';
import { jobRedactor } from './open-audit-log.ts';

/**
 * Run a job on a clean checkout at `task.baseSha`. The work happens in a worktree of
 * the same repository (src/compose/run-checkout.ts); unless `applyResult` is false, the
 * given checkout then ends in the outcome's state: the verified change, the best state
 * of a run that gave up, or the base for a refusal.
 *
 * @example
 * const result = await runJob({ workspaceRoot, task, config, env: process.env, audit, progress });
 * if (result.outcome.kind === 'succeeded') console.log(result.reportMarkdown);
 * @throws GreenlightError for what the user must fix first: a dirty checkout, no test
 *   command, no sandbox, no API key, a model name or key the provider rejects, a model
 *   without a price, a failing install command.
 */
export async function runJob(options: JobOptions): Promise<JobResult> {
  const { config, env, audit } = options;
  const steps = stepReporter(options);
  await steps.report('understand', 'running');
  const { task } = options; // sanitized where it was built: TaskRequest holds only SanitizedText
  const workspace = await LocalWorkspace.open(options.workspaceRoot);
  await checkCheckout(workspace, task);
  if (options.model === undefined) checkModelCredentials(config.model, env, workspace.root);
  const files = await workspace.listFiles();
  const readFile = (path: string) => workspace.readFile(path);
  // What detection reads, once; no test command at all: refuse before building anything.
  const detection = { config, files, readFile, host: { root: workspace.root, env } };
  let testFacts = await loadTestFacts(detection);
  detectTestCommand(testFacts);
  const model = jobModel(options.model ?? createModel(config.model, env));
  requirePrice(model.model.modelId, config.model.prices);

  if (config.tests.installCommand !== undefined) {
    // The install runs in the checkout itself, with network on, before any generated code exists.
    const installer = await createSandbox(config.sandbox, {
      workspace: workspace.root,
      parentEnv: env,
      defaultTimeoutMs: config.tests.timeoutMinutes * 60_000,
    });
    try {
      await installDependencies(config.tests, installer, workspace, audit);
    } finally {
      await closeQuietly(installer);
    }
    // What is installed changed: look again (node_modules/.bin, virtualenvs).
    testFacts = await loadTestFacts(detection);
  }
  const checkout = await openRunCheckout({ repoRoot: workspace.root, base: task.baseSha, config, env });
  audit.write({
    kind: 'note',
    message: 'run checkout',
    data: { worktree: checkout.root, dependencies: checkout.dependencies.entries },
  });
  try {
    const sandbox = await checkout.sandboxFor(checkout.root);
    audit.write({ kind: 'sandbox', info: sandbox.info });
    try {
      return await runInCheckout(options, { checkout, sandbox, files, testFacts, model, steps });
    } catch (error) {
      if (options.keepWork !== undefined) await options.keepWork(await new GitCheckpoints(checkout.root).save('work'));
      throw error;
    } finally {
      await closeQuietly(sandbox);
    }
  } finally {
    await checkout.close();
  }
}

interface InCheckout {
  checkout: RunCheckout;
  sandbox: Sandbox;
  files: string[];
  /** What detection read in the given checkout; the worktree has the same files and linked dependencies. */
  testFacts: ProjectFacts;
  model: ReturnType<typeof jobModel>;
  steps: ReturnType<typeof stepReporter>;
}

/** Everything after the install, in the job's worktree. */
async function runInCheckout(options: JobOptions, run: InCheckout): Promise<JobResult> {
  const { config, env, audit, task } = options;
  const { checkout, sandbox, files, testFacts, model, steps } = run;
  const work = new LocalWorkspace(checkout.root);
  await steps.report('context', 'running');
  // In a monorepo the package whose tests run is the one the task concerns: the paths
  // it names and the files the context ranks highest decide (README "How greenlight finds your tests").
  let plan = detectTestCommand(testFacts);
  const context = await buildJobContext(work.root, task, config, options.pullRequestBase, (hints) => {
    plan = detectTestCommand({ ...testFacts, hints });
    return { command: describeTestCommand(plan), source: plan.reason };
  });
  const runner = (command?: string) =>
    createTestRunner({
      workspaceRoot: work.root,
      config: command === undefined ? config : { tests: { ...config.tests, command } },
      sandbox,
      files,
      readFile: (path) => work.readFile(path),
      restoreWorkspace: true,
      ...(command === undefined ? { resolved: { facts: testFacts, plan } } : {}),
    });
  const mainTests = await runner();
  const extraCommand =
    options.extraTestCommand === undefined || sameCommand(options.extraTestCommand, mainTests.command.command)
      ? undefined
      : options.extraTestCommand;
  const tests = extraCommand === undefined ? mainTests : withExtraCommand(mainTests, await runner(extraCommand));
  audit.write({
    kind: 'note',
    message: 'test command',
    data: { command: plan.command, directory: plan.directory, reason: plan.reason },
  });
  const measureCoverage = config.tests.coverage.required
    ? await createCoverageMeasurement(config.tests, sandbox, work.root, audit)
    : undefined;
  await steps.report('understand', 'done', `tests: \`${describeTestCommand(tests.command)}\``);
  const contextFiles = context.pack.items.map((item) => item.path);
  await steps.report(
    'context',
    'done',
    `${contextFiles.length} file(s), ${formatCount(context.pack.usedTokens)} of ${formatCount(context.pack.budgetTokens)} tokens`,
  );
  audit.write({
    kind: 'note',
    message: 'context assembled',
    data: { files: contextFiles, usedTokens: context.pack.usedTokens, budgetTokens: context.pack.budgetTokens },
  });

  const workspaceTools = createWorkspaceTools({
    root: work.root,
    paths: config.paths,
    hidden: config.context.exclude,
    readOnlyRoots: [checkout.dependencies.dir],
  });
  const reviews =
    task.reviewThreads === undefined
      ? null
      : withReviewReports(
          workspaceTools,
          task.reviewThreads.map((thread) => thread.id),
        );
  const outcome = await runLoop(
    {
      task,
      contextText: context.text,
      config,
      // A /fix without instruction, or a CI repair: what fails now must pass at the end.
      mustFixBaselineFailures:
        task.mode === 'fix' && (task.instruction ?? '').trim() === '' && task.reviewThreads === undefined,
    },
    {
      model: model.model,
      tools: reviews?.tools ?? workspaceTools,
      tests,
      workspace: work,
      checkpoints: new GitCheckpoints(work.root),
      clock: { now: () => Date.now() },
      audit,
      progress: options.progress,
      measureCoverage,
      verifyFresh: () => checkout.verifyFresh({ plan, ...(extraCommand === undefined ? {} : { extraCommand }) }),
      ...(options.onBaseline === undefined ? {} : { onBaseline: options.onBaseline }),
      costOf: (usage: ModelUsage) => {
        const cost = costOfUsage(model.model.modelId, usage, config.model.prices);
        return cost.priced ? cost.usd : Number.NaN;
      },
    },
  );
  const fatal = model.configurationError();
  if (fatal !== undefined) {
    audit.write({ kind: 'note', message: 'stopped on a configuration error', data: { error: fatal.message } });
    throw fatal;
  }

  const risk = await classifyChange(outcome.kind === 'refused' ? [] : outcome.changes, work, config, task.baseSha);
  audit.write(riskRecord(risk, 'job'));
  if (options.applyResult !== false && outcome.kind !== 'refused' && outcome.tree !== undefined) {
    // The checkout the job was given ends in the outcome's state (the publishers' contract).
    await new GitCheckpoints(options.workspaceRoot).restore(outcome.tree);
  }
  const report = renderRunReport({
    outcome,
    task,
    sandbox: sandbox.info,
    riskMarkdown: renderRiskMarkdown(risk, config.review),
  });
  return {
    outcome,
    risk,
    reportMarkdown: jobRedactor(env).redact(report),
    sandbox: sandbox.info,
    testCommandReason: tests.command.reason,
    costUsd: outcome.report.costUsd,
    context: { files: contextFiles, usedTokens: context.pack.usedTokens, budgetTokens: context.pack.budgetTokens },
    ...(reviews === null ? {} : { reviewClaims: [...reviews.claims()].map(([id, claim]) => ({ id, claim })) }),
  };
}

const sameCommand = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

async function checkCheckout(workspace: LocalWorkspace, task: TaskRequest): Promise<void> {
  if (!(await workspace.isClean())) {
    throw new GreenlightError(
      'workspace-dirty',
      `${workspace.root} has uncommitted changes: commit or stash them first, so that the change greenlight makes is only its own.`,
    );
  }
  const head = await workspace.headSha();
  if (head !== task.baseSha) {
    throw new GreenlightError(
      'workspace-dirty',
      `${workspace.root} is at ${head.slice(0, 12)}, but the job is for ${task.baseSha.slice(0, 12)}: check out the requested commit first.`,
    );
  }
}

/** Progress of the steps before the loop takes over (it reports every step after). */
function stepReporter(options: JobOptions) {
  const snapshot: ProgressSnapshot = {
    steps: {
      understand: { state: 'pending' },
      context: { state: 'pending' },
      baseline: { state: 'pending' },
      iterations: { state: 'pending' },
      verify: { state: 'pending' },
      publish: { state: 'pending' },
    },
    iteration: 0,
    maxIterations: options.config.budgets.maxIterations,
    tokens: 0,
    costUsd: 0,
  };
  return {
    async report(step: StepName, state: ProgressSnapshot['steps'][StepName]['state'], detail?: string): Promise<void> {
      snapshot.steps[step] = detail === undefined ? { state } : { state, detail };
      try {
        await options.progress.update(structuredClone(snapshot));
      } catch {
        // Progress is cosmetic: a failing display never stops a run.
      }
    },
  };
}

async function closeQuietly(sandbox: Sandbox): Promise<void> {
  try {
    await sandbox.close?.();
  } catch {
    // Scratch files left in the temp dir are not worth failing a finished job over.
  }
}
